import "server-only";
import { z } from "zod";
import { ROLES } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { createInvitation } from "../invitations/create-invitation";
import { authorizeInProcess } from "../processes/access";
import { emailSchema, idSchema, organisationSchema, parseInput } from "../validation";

export const inviteMemberSchema = z.object({
  processId: idSchema,
  email: emailSchema,
  role: z.enum(ROLES),
  groupId: idSchema,
  organisation: organisationSchema,
});

export interface InviteMemberResult {
  invitationId: string;
  token: string;
  expiresAt: string;
}

/** Convenor invites someone with a fixed role and group; the link carries a one-time secret. */
export async function inviteMember(actor: Actor, input: unknown): Promise<InviteMemberResult> {
  const { processId, ...fields } = parseInput(inviteMemberSchema, input);
  return db.$transaction(async (tx) => {
    await authorizeInProcess(tx, actor, processId, "members.manage");
    const group = await tx.stakeholderGroup.findFirst({ where: { id: fields.groupId, processId }, select: { id: true } });
    if (!group) throw new AppError("invalid_input", "That stakeholder group does not belong to this process.", { field: "groupId" });
    const existing = await tx.membership.findFirst({
      where: { processId, user: { email: fields.email } },
      select: { id: true },
    });
    if (existing) throw new AppError("conflict", "This person is already a member of the process.", { field: "email" });
    const { id, token, expiresAt } = await createInvitation(tx, actor, processId, fields);
    return { invitationId: id, token, expiresAt: expiresAt.toISOString() };
  });
}
