import { createThread } from "@/lib/server/comments/create-thread";
import { listThreads } from "@/lib/server/comments/list-threads";
import { jsonRoute } from "@/lib/server/http/route";

type Params = { processId: string };

export const GET = jsonRoute<Params>(async ({ actor, params }) => listThreads(await actor(), params.processId));

export const POST = jsonRoute<Params>(
  async ({ actor, body, params }) => createThread(await actor(), { ...((await body()) as object), processId: params.processId }),
  { status: 201 },
);
