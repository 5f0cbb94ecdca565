import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { parseInput } from "../validation";
import { invitationStatus, invitationTokenSchema } from "./get-invitation";
import { hashInvitationToken } from "./tokens";

export const acceptInvitationSchema = z.object({ token: invitationTokenSchema });

const REFUSALS = {
  expired: "This invitation has expired. Ask the convenor for a new link.",
  revoked: "This invitation was withdrawn by the convenor.",
  accepted: "This invitation has already been used.",
} as const;

/**
 * Joins the process with exactly the role and group the convenor fixed. The link
 * only works for the account whose email it was sent to.
 */
export async function acceptInvitation(actor: Actor, input: unknown): Promise<{ processId: string }> {
  const { token } = parseInput(acceptInvitationSchema, input);
  return db.$transaction(async (tx) => {
    const inv = await tx.invitation.findUnique({ where: { tokenHash: hashInvitationToken(token) } });
    if (!inv) throw new AppError("not_found", "This invitation link is not valid.");
    const status = invitationStatus(inv);
    if (status !== "pending") throw new AppError("invitation_invalid", REFUSALS[status], { status });
    if (inv.email !== actor.email) {
      throw new AppError("forbidden", `This invitation was sent to ${inv.email}. Sign in with that address to accept it.`);
    }
    const already = await tx.membership.findUnique({
      where: { processId_userId: { processId: inv.processId, userId: actor.id } },
      select: { id: true },
    });
    if (already) throw new AppError("conflict", "You are already a member of this process.");
    const membership = await tx.membership.create({
      data: {
        processId: inv.processId,
        userId: actor.id,
        role: inv.role,
        groupId: inv.groupId,
        organisation: inv.organisation,
      },
    });
    await tx.invitation.update({ where: { id: inv.id }, data: { acceptedAt: new Date(), acceptedById: actor.id } });
    await appendAudit(tx, {
      processId: inv.processId,
      actorId: actor.id,
      action: "invitation.accepted",
      data: {
        invitationId: inv.id,
        membershipId: membership.id,
        userId: actor.id,
        role: inv.role,
        groupId: inv.groupId,
        organisation: inv.organisation,
      },
    });
    return { processId: inv.processId };
  });
}
