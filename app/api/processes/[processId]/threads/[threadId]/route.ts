import { AppError } from "@/lib/errors";
import { getThread } from "@/lib/server/comments/list-threads";
import { setThreadStatus } from "@/lib/server/comments/set-thread-status";
import { jsonRoute } from "@/lib/server/http/route";

type Params = { processId: string; threadId: string };

export const GET = jsonRoute<Params>(async ({ actor, params }) => {
  const thread = await getThread(await actor(), params.processId, params.threadId);
  if (!thread) throw new AppError("not_found", "No such thread in this process.");
  return thread;
});

export const PATCH = jsonRoute<Params>(async ({ actor, body, params }) => setThreadStatus(await actor(), { ...((await body()) as object), ...params }));
