import { hideComment } from "@/lib/server/comments/change-comment";
import { jsonRoute } from "@/lib/server/http/route";

export const POST = jsonRoute<{ processId: string; commentId: string }>(async ({ actor, body, params }) =>
  hideComment(await actor(), { ...((await body()) as object), ...params }),
);
