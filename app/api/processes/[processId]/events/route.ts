import { requireActor } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db";
import { errorResponse } from "@/lib/server/http/respond";
import { authorizeInProcess } from "@/lib/server/processes/access";
import { parseInput, idSchema } from "@/lib/server/validation";
import { onProcessEventEverywhere } from "@/lib/runtime/process-events";

export const dynamic = "force-dynamic";

/**
 * Server-sent events for pages without a collaboration socket (the consensus
 * dashboard): "something changed in this process" — ids only; the page refetches
 * through the API, where permissions are checked. Members only.
 */
export async function GET(req: Request, ctx: { params: Promise<{ processId: string }> }): Promise<Response> {
  try {
    const processId = parseInput(idSchema, (await ctx.params).processId);
    await authorizeInProcess(db, await requireActor(), processId, "process.view");
    const encoder = new TextEncoder();
    let stop = () => undefined as void;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const send = (text: string) => {
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            stop();
          }
        };
        send("retry: 3000\n\n");
        const off = onProcessEventEverywhere((event) => {
          if (event.processId === processId) send(`data: ${JSON.stringify({ kind: event.kind, threadId: event.threadId })}\n\n`);
        });
        const heartbeat = setInterval(() => send(": keep-alive\n\n"), 25_000);
        stop = () => {
          clearInterval(heartbeat);
          off();
        };
        req.signal.addEventListener("abort", () => {
          stop();
          try {
            controller.close();
          } catch {
            // already closed
          }
        });
      },
      cancel() {
        stop();
      },
    });
    return new Response(stream, { headers: { "content-type": "text/event-stream", "cache-control": "no-store", "x-accel-buffering": "no" } });
  } catch (error) {
    return errorResponse(error);
  }
}
