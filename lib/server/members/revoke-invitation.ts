import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { authorizeInProcess } from "../processes/access";
import { idSchema, parseInput } from "../validation";

export const revokeInvitationSchema = z.object({ processId: idSchema, invitationId: idSchema });

export async function revokeInvitation(actor: Actor, input: unknown): Promise<void> {
  const { processId, invitationId } = parseInput(revokeInvitationSchema, input);
  await db.$transaction(async (tx) => {
    await authorizeInProcess(tx, actor, processId, "members.manage");
    const invitation = await tx.invitation.findFirst({ where: { id: invitationId, processId } });
    if (!invitation) throw new AppError("not_found", "No such invitation in this process.");
    if (invitation.acceptedAt) throw new AppError("conflict", "This invitation has already been accepted.");
    if (invitation.revokedAt) throw new AppError("conflict", "This invitation has already been revoked.");
    await tx.invitation.update({ where: { id: invitationId }, data: { revokedAt: new Date() } });
    await appendAudit(tx, {
      processId,
      actorId: actor.id,
      action: "invitation.revoked",
      data: { invitationId, email: invitation.email },
    });
  });
}
