import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { emitProcessEvent } from "@/lib/runtime/process-events";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { idSchema, parseInput } from "../validation";
import type { ThreadDto } from "./dto";
import { authorizeComment, loadCommentActor, threadInclude, toThreadDto } from "./load";

export const setThreadStatusSchema = z.object({ processId: idSchema, threadId: idSchema, status: z.enum(["open", "resolved"]) });

/** Resolve or reopen: editors, the convenor, and whoever started the thread. */
export async function setThreadStatus(actor: Actor, input: unknown): Promise<ThreadDto> {
  const data = parseInput(setThreadStatusSchema, input);
  const { updated, who } = await db.$transaction(async (tx) => {
    const who = await loadCommentActor(tx, actor, data.processId);
    const thread = await tx.commentThread.findFirst({ where: { id: data.threadId, processId: data.processId } });
    if (!thread) throw new AppError("not_found", "No such thread in this process.");
    authorizeComment(data.status === "resolved" ? "thread.resolve" : "thread.reopen", who, { isThreadAuthor: thread.createdById === actor.id });
    const resolved = data.status === "resolved";
    const updated = await tx.commentThread.update({
      where: { id: thread.id },
      data: { status: data.status, resolvedAt: resolved ? new Date() : null, resolvedById: resolved ? actor.id : null },
      include: threadInclude,
    });
    return { updated, who };
  });
  emitProcessEvent({ processId: data.processId, kind: "thread", threadId: updated.id });
  return toThreadDto(updated, who.role === "convenor");
}
