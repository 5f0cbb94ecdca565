import "server-only";
import { z } from "zod";
import { checkConvenorRemains } from "@/lib/domain/permissions";
import { isRole, ROLES } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { authorizeInProcess } from "../processes/access";
import { idSchema, organisationSchema, parseInput } from "../validation";

export const updateMemberSchema = z
  .object({
    processId: idSchema,
    memberId: idSchema,
    role: z.enum(ROLES).optional(),
    groupId: idSchema.optional(),
    organisation: organisationSchema.optional(),
  })
  .refine((v) => v.role !== undefined || v.groupId !== undefined || v.organisation !== undefined, {
    message: "nothing to change",
  });

/** Changes a member's role, stakeholder group or organisation. */
export async function updateMember(actor: Actor, input: unknown): Promise<void> {
  const { processId, memberId, ...change } = parseInput(updateMemberSchema, input);
  await db.$transaction(async (tx) => {
    await authorizeInProcess(tx, actor, processId, "members.manage");
    const member = await tx.membership.findFirst({ where: { id: memberId, processId } });
    if (!member || !isRole(member.role)) throw new AppError("not_found", "No such member in this process.");
    if (change.groupId) {
      const group = await tx.stakeholderGroup.findFirst({ where: { id: change.groupId, processId }, select: { id: true } });
      if (!group) throw new AppError("invalid_input", "That stakeholder group does not belong to this process.", { field: "groupId" });
    }
    if (change.role) {
      const convenorCount = await tx.membership.count({ where: { processId, role: "convenor" } });
      if (checkConvenorRemains({ targetRole: member.role, newRole: change.role, convenorCount })) {
        throw new AppError("last_convenor", "A process needs at least one convenor. Appoint another convenor first.");
      }
    }
    const after = {
      role: change.role ?? member.role,
      groupId: change.groupId ?? member.groupId,
      organisation: change.organisation ?? member.organisation,
    };
    await tx.membership.update({ where: { id: memberId }, data: after });
    await appendAudit(tx, {
      processId,
      actorId: actor.id,
      action: "member.updated",
      data: {
        membershipId: memberId,
        userId: member.userId,
        before: { role: member.role, groupId: member.groupId, organisation: member.organisation },
        after,
      },
    });
  });
}
