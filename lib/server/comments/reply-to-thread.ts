import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { emitProcessEvent } from "@/lib/runtime/process-events";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { idSchema, parseInput } from "../validation";
import { commentBodySchema, refuseIdentityFields } from "./comment-body";
import type { ThreadDto } from "./dto";
import { authorFields, authorizeComment, loadCommentActor, threadInclude, toThreadDto } from "./load";

export const replyToThreadSchema = z.object({ processId: idSchema, threadId: idSchema, body: commentBodySchema });

export async function replyToThread(actor: Actor, input: unknown): Promise<ThreadDto> {
  refuseIdentityFields(input);
  const data = parseInput(replyToThreadSchema, input);
  const { thread, who } = await db.$transaction(async (tx) => {
    const who = await loadCommentActor(tx, actor, data.processId);
    authorizeComment("comment.reply", who);
    const found = await tx.commentThread.findFirst({ where: { id: data.threadId, processId: data.processId }, select: { id: true } });
    if (!found) throw new AppError("not_found", "No such thread in this process.");
    await tx.comment.create({
      data: {
        threadId: data.threadId,
        processId: data.processId,
        ...authorFields(actor, who),
        body: data.body,
      },
    });
    await tx.commentThread.update({ where: { id: data.threadId }, data: { updatedAt: new Date() } });
    return { thread: await tx.commentThread.findUniqueOrThrow({ where: { id: data.threadId }, include: threadInclude }), who };
  });
  emitProcessEvent({ processId: data.processId, kind: "thread", threadId: thread.id });
  return toThreadDto(thread, who.role === "convenor");
}
