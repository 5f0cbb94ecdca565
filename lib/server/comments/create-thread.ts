import "server-only";
import { z } from "zod";
import { QUOTE_MAX_CHARS } from "@/lib/domain/comment-rules";
import { AppError } from "@/lib/errors";
import { emitProcessEvent } from "@/lib/runtime/process-events";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { idSchema, parseInput } from "../validation";
import { anchorSchema, assertAnchorInDocument } from "./anchors";
import { commentBodySchema, refuseIdentityFields } from "./comment-body";
import type { ThreadDto } from "./dto";
import { authorFields, authorizeComment, loadCommentActor, threadInclude, toThreadDto } from "./load";

export const createThreadSchema = z.object({
  processId: idSchema,
  clauseId: z.string().trim().min(1).max(64),
  anchorStart: anchorSchema,
  anchorEnd: anchorSchema,
  quote: z.string().trim().min(1, "select some text to comment on").max(QUOTE_MAX_CHARS),
  body: commentBodySchema,
});

/**
 * Starts a discussion on a piece of the text. The comment is signed with the
 * author's name, organisation and group as stored now; a request that names an
 * author or group is refused (`refuseIdentityFields`).
 */
export async function createThread(actor: Actor, input: unknown): Promise<ThreadDto> {
  refuseIdentityFields(input);
  const data = parseInput(createThreadSchema, input);
  // Checked in the transaction that writes, so a sign-off cannot slip in between.
  const { thread, who } = await db.$transaction(async (tx) => {
    const who = await loadCommentActor(tx, actor, data.processId);
    authorizeComment("thread.create", who);
    const clause = await tx.clause.findUnique({
      where: { processId_clauseId: { processId: data.processId, clauseId: data.clauseId } },
      select: { clauseId: true },
    });
    if (!clause) throw new AppError("invalid_input", "There is no such clause in this draft.", { field: "clauseId" });
    await assertAnchorInDocument(tx, data.processId, data.anchorStart, data.anchorEnd);
    const created = await tx.commentThread.create({
      data: {
        processId: data.processId,
        clauseId: data.clauseId,
        anchorStart: data.anchorStart,
        anchorEnd: data.anchorEnd,
        quote: data.quote,
        createdById: actor.id,
      },
    });
    await tx.comment.create({
      data: {
        threadId: created.id,
        processId: data.processId,
        ...authorFields(actor, who),
        body: data.body,
      },
    });
    return { thread: await tx.commentThread.findUniqueOrThrow({ where: { id: created.id }, include: threadInclude }), who };
  });
  emitProcessEvent({ processId: data.processId, kind: "thread", threadId: thread.id });
  return toThreadDto(thread, who.role === "convenor");
}
