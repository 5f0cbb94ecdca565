import { replyToThread } from "@/lib/server/comments/reply-to-thread";
import { jsonRoute } from "@/lib/server/http/route";

export const POST = jsonRoute<{ processId: string; threadId: string }>(
  async ({ actor, body, params }) => replyToThread(await actor(), { ...((await body()) as object), ...params }),
  { status: 201 },
);
