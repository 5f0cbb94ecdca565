import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { emitProcessEvent } from "@/lib/runtime/process-events";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { idSchema, parseInput } from "../validation";
import { commentBodySchema } from "./comment-body";
import type { ThreadDto } from "./dto";
import { authorizeComment, loadCommentActor, threadInclude, toThreadDto } from "./load";

export const editCommentSchema = z.object({ processId: idSchema, commentId: idSchema, body: commentBodySchema });
export const deleteCommentSchema = z.object({ processId: idSchema, commentId: idSchema });
export const hideCommentSchema = z.object({
  processId: idSchema,
  commentId: idSchema,
  reason: z.string().trim().min(3, "give a reason (at least 3 characters)").max(500),
});

async function findComment(processId: string, commentId: string) {
  const comment = await db.comment.findFirst({ where: { id: commentId, processId } });
  if (!comment) throw new AppError("not_found", "No such comment in this process.");
  return comment;
}

async function finish(processId: string, threadId: string, convenor: boolean): Promise<ThreadDto> {
  emitProcessEvent({ processId, kind: "thread", threadId });
  const thread = await db.commentThread.findUniqueOrThrow({ where: { id: threadId }, include: threadInclude });
  return toThreadDto(thread, convenor);
}

/** The author rewords their comment; the earlier wording is kept for the convenor. */
export async function editComment(actor: Actor, input: unknown): Promise<ThreadDto> {
  const data = parseInput(editCommentSchema, input);
  const who = await loadCommentActor(db, actor, data.processId);
  const comment = await findComment(data.processId, data.commentId);
  authorizeComment("comment.edit", who, { isCommentAuthor: comment.authorId === actor.id });
  if (comment.deletedAt) throw new AppError("conflict", "A deleted comment cannot be edited.");
  await db.$transaction([
    db.commentRevision.create({ data: { commentId: comment.id, body: comment.body } }),
    db.comment.update({ where: { id: comment.id }, data: { body: data.body, editedAt: new Date() } }),
  ]);
  return finish(data.processId, comment.threadId, who.role === "convenor");
}

/** The author withdraws their comment: shown as deleted, the text kept for the convenor. */
export async function deleteComment(actor: Actor, input: unknown): Promise<ThreadDto> {
  const data = parseInput(deleteCommentSchema, input);
  const who = await loadCommentActor(db, actor, data.processId);
  const comment = await findComment(data.processId, data.commentId);
  authorizeComment("comment.delete", who, { isCommentAuthor: comment.authorId === actor.id });
  if (comment.deletedAt) throw new AppError("conflict", "This comment is already deleted.");
  await db.$transaction([
    db.commentRevision.create({ data: { commentId: comment.id, body: comment.body } }),
    db.comment.update({ where: { id: comment.id }, data: { body: "", deletedAt: new Date() } }),
  ]);
  return finish(data.processId, comment.threadId, who.role === "convenor");
}

/** Moderation: the convenor hides a comment, with a reason that goes into the audit log. */
export async function hideComment(actor: Actor, input: unknown): Promise<ThreadDto> {
  const data = parseInput(hideCommentSchema, input);
  const who = await loadCommentActor(db, actor, data.processId);
  authorizeComment("comment.hide", who);
  const comment = await findComment(data.processId, data.commentId);
  if (comment.hiddenAt) throw new AppError("conflict", "This comment is already hidden.");
  await db.$transaction(async (tx) => {
    await tx.comment.update({ where: { id: comment.id }, data: { hiddenAt: new Date(), hiddenById: actor.id, hiddenReason: data.reason } });
    await appendAudit(tx, {
      processId: data.processId,
      actorId: actor.id,
      action: "comment.hidden",
      data: { commentId: comment.id, threadId: comment.threadId, authorId: comment.authorId, reason: data.reason },
    });
  });
  return finish(data.processId, comment.threadId, who.role === "convenor");
}
