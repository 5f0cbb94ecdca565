import { deleteComment, editComment } from "@/lib/server/comments/change-comment";
import { jsonRoute } from "@/lib/server/http/route";

type Params = { processId: string; commentId: string };

export const PATCH = jsonRoute<Params>(async ({ actor, body, params }) => editComment(await actor(), { ...((await body()) as object), ...params }));
export const DELETE = jsonRoute<Params>(async ({ actor, params }) => deleteComment(await actor(), params));
