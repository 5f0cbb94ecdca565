import "server-only";
import type { Prisma } from "@/generated/sqlite/client";
import { checkComment, type CommentAction } from "@/lib/domain/comment-rules";
import { isRole, type Role } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import type { Actor } from "../auth/actor";
import type { Db, Tx } from "../db";
import type { CommentDto, ThreadDto } from "./dto";

export interface CommentActor {
  role: Role;
  processOpen: boolean;
  membership: { organisation: string; group: { id: string; key: string | null; name: string; colour: string } };
}

/** The actor's membership in the process, as the database has it now. Non-members learn nothing (404). */
export async function loadCommentActor(client: Db | Tx, actor: Actor, processId: string): Promise<CommentActor> {
  const membership = await client.membership.findUnique({
    where: { processId_userId: { processId, userId: actor.id } },
    include: { group: true, process: { select: { status: true } } },
  });
  if (!membership || !isRole(membership.role)) {
    throw new AppError("not_found", "This drafting process does not exist or you are not a member of it.");
  }
  return {
    role: membership.role,
    processOpen: membership.process.status !== "signed_off",
    membership: { organisation: membership.organisation, group: membership.group },
  };
}

const REFUSAL_MESSAGES = {
  not_member: "You are not a member of this process.",
  role: "Your role does not allow this.",
  not_author: "Only the author can do this.",
  signed_off: "This process has been signed off; its comments are closed.",
} as const;

export function authorizeComment(
  action: CommentAction,
  who: CommentActor,
  extra: { isCommentAuthor?: boolean; isThreadAuthor?: boolean } = {},
): void {
  const refusal = checkComment(action, { role: who.role, processOpen: who.processOpen, ...extra });
  if (refusal === "signed_off") throw new AppError("conflict", REFUSAL_MESSAGES.signed_off);
  if (refusal) throw new AppError("forbidden", REFUSAL_MESSAGES[refusal]);
}

/** The author fields every comment carries: copied from the membership now, never from the request. */
export function authorFields(actor: Actor, who: CommentActor) {
  return {
    authorId: actor.id,
    authorName: actor.name,
    authorOrganisation: who.membership.organisation,
    groupId: who.membership.group.id,
    groupKey: who.membership.group.key,
    groupName: who.membership.group.name,
    groupColour: who.membership.group.colour,
  };
}

export const threadInclude = {
  comments: { orderBy: { createdAt: "asc" }, include: { revisions: { orderBy: { createdAt: "asc" } } } },
} satisfies Prisma.CommentThreadInclude;
type ThreadRow = Prisma.CommentThreadGetPayload<{ include: typeof threadInclude }>;

export function toThreadDto(thread: ThreadRow, viewerIsConvenor: boolean): ThreadDto {
  return {
    id: thread.id,
    clauseId: thread.clauseId,
    anchorStart: thread.anchorStart,
    anchorEnd: thread.anchorEnd,
    quote: thread.quote,
    status: thread.status === "resolved" ? "resolved" : "open",
    createdById: thread.createdById,
    createdAt: thread.createdAt.toISOString(),
    resolvedAt: thread.resolvedAt?.toISOString() ?? null,
    comments: thread.comments.map((c): CommentDto => ({
      id: c.id,
      authorId: c.authorId,
      authorName: c.authorName,
      authorOrganisation: c.authorOrganisation,
      group: { id: c.groupId, key: c.groupKey, name: c.groupName, colour: c.groupColour },
      body: c.deletedAt || (c.hiddenAt && !viewerIsConvenor) ? null : c.body,
      createdAt: c.createdAt.toISOString(),
      editedAt: c.editedAt?.toISOString() ?? null,
      deletedAt: c.deletedAt?.toISOString() ?? null,
      hidden: c.hiddenAt ? { at: c.hiddenAt.toISOString(), reason: c.hiddenReason ?? "" } : null,
      ...(viewerIsConvenor ? { history: c.revisions.map((r) => ({ body: r.body, at: r.createdAt.toISOString() })) } : {}),
    })),
  };
}
