import "server-only";
import type { Role } from "@/lib/domain/roles";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../auth/actor";
import type { Tx } from "../db";
import { hashInvitationToken, INVITATION_DAYS, newInvitationToken } from "./tokens";

export interface InvitationFields {
  email: string;
  role: Role;
  groupId: string;
  organisation: string;
}

/**
 * Writes an invitation and its audit row. Callers have already authorised the
 * actor and validated the fields. A pending invitation to the same address is
 * replaced, so only the newest link works.
 */
export async function createInvitation(
  tx: Tx,
  actor: Actor,
  processId: string,
  fields: InvitationFields,
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const superseded = await tx.invitation.findMany({
    where: { processId, email: fields.email, acceptedAt: null, revokedAt: null },
    select: { id: true },
  });
  const now = new Date();
  for (const old of superseded) {
    await tx.invitation.update({ where: { id: old.id }, data: { revokedAt: now } });
    await appendAudit(tx, {
      processId,
      actorId: actor.id,
      action: "invitation.superseded",
      data: { invitationId: old.id, email: fields.email },
    });
  }
  const token = newInvitationToken();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 24 * 60 * 60 * 1000);
  const invitation = await tx.invitation.create({
    data: { processId, ...fields, tokenHash: hashInvitationToken(token), createdById: actor.id, expiresAt },
  });
  await appendAudit(tx, {
    processId,
    actorId: actor.id,
    action: "invitation.created",
    data: {
      invitationId: invitation.id,
      email: fields.email,
      role: fields.role,
      groupId: fields.groupId,
      organisation: fields.organisation,
      expiresAt: expiresAt.toISOString(),
    },
  });
  return { id: invitation.id, token, expiresAt };
}
