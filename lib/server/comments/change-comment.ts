import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { emitProcessEvent } from "@/lib/runtime/process-events";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../auth/actor";
import { db, type Tx } from "../db";
import { idSchema, parseInput } from "../validation";
import { commentBodySchema } from "./comment-body";
import type { ThreadDto } from "./dto";
import { authorizeComment, loadCommentActor, threadInclude, toThreadDto, type CommentActor } from "./load";

export const editCommentSchema = z.object({ processId: idSchema, commentId: idSchema, body: commentBodySchema });
export const deleteCommentSchema = z.object({ processId: idSchema, commentId: idSchema });
export const hideCommentSchema = z.object({
  processId: idSchema,
  commentId: idSchema,
  reason: z.string().trim().min(3, "give a reason (at least 3 characters)").max(500),
});

type StoredComment = NonNullable<Awaited<ReturnType<Tx["comment"]["findFirst"]>>>;

/**
 * Loads the actor and the comment, checks and writes in one transaction (so a
 * sign-off or a role change cannot slip in between), then tells everyone viewing.
 */
async function changeComment(
  actor: Actor,
  processId: string,
  commentId: string,
  change: (tx: Tx, who: CommentActor, comment: StoredComment) => Promise<void>,
): Promise<ThreadDto> {
  const { thread, who } = await db.$transaction(async (tx) => {
    const who = await loadCommentActor(tx, actor, processId);
    const comment = await tx.comment.findFirst({ where: { id: commentId, processId } });
    if (!comment) throw new AppError("not_found", "No such comment in this process.");
    await change(tx, who, comment);
    return { who, thread: await tx.commentThread.findUniqueOrThrow({ where: { id: comment.threadId }, include: threadInclude }) };
  });
  emitProcessEvent({ processId, kind: "thread", threadId: thread.id });
  return toThreadDto(thread, who.role === "convenor");
}

/** The author rewords their comment; the earlier wording is kept for the convenor. */
export async function editComment(actor: Actor, input: unknown): Promise<ThreadDto> {
  const data = parseInput(editCommentSchema, input);
  return changeComment(actor, data.processId, data.commentId, async (tx, who, comment) => {
    authorizeComment("comment.edit", who, { isCommentAuthor: comment.authorId === actor.id });
    if (comment.deletedAt) throw new AppError("conflict", "A deleted comment cannot be edited.");
    await tx.commentRevision.create({ data: { commentId: comment.id, body: comment.body } });
    await tx.comment.update({ where: { id: comment.id }, data: { body: data.body, editedAt: new Date() } });
  });
}

/** The author withdraws their comment: shown as deleted, the text kept for the convenor. */
export async function deleteComment(actor: Actor, input: unknown): Promise<ThreadDto> {
  const data = parseInput(deleteCommentSchema, input);
  return changeComment(actor, data.processId, data.commentId, async (tx, who, comment) => {
    authorizeComment("comment.delete", who, { isCommentAuthor: comment.authorId === actor.id });
    if (comment.deletedAt) throw new AppError("conflict", "This comment is already deleted.");
    await tx.commentRevision.create({ data: { commentId: comment.id, body: comment.body } });
    await tx.comment.update({ where: { id: comment.id }, data: { body: "", deletedAt: new Date() } });
  });
}

/** Moderation: the convenor hides a comment, with a reason that goes into the audit log. */
export async function hideComment(actor: Actor, input: unknown): Promise<ThreadDto> {
  const data = parseInput(hideCommentSchema, input);
  return changeComment(actor, data.processId, data.commentId, async (tx, who, comment) => {
    authorizeComment("comment.hide", who);
    if (comment.hiddenAt) throw new AppError("conflict", "This comment is already hidden.");
    await tx.comment.update({ where: { id: comment.id }, data: { hiddenAt: new Date(), hiddenById: actor.id, hiddenReason: data.reason } });
    await appendAudit(tx, {
      processId: data.processId,
      actorId: actor.id,
      action: "comment.hidden",
      data: { commentId: comment.id, threadId: comment.threadId, authorId: comment.authorId, reason: data.reason },
    });
  });
}
