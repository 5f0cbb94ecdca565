import "server-only";
import { z } from "zod";
import { checkConvenorRemains } from "@/lib/domain/permissions";
import { isRole } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { authorizeInProcess } from "../processes/access";
import { idSchema, parseInput } from "../validation";

export const removeMemberSchema = z.object({ processId: idSchema, memberId: idSchema });

export async function removeMember(actor: Actor, input: unknown): Promise<void> {
  const { processId, memberId } = parseInput(removeMemberSchema, input);
  await db.$transaction(async (tx) => {
    await authorizeInProcess(tx, actor, processId, "members.manage");
    const member = await tx.membership.findFirst({ where: { id: memberId, processId } });
    if (!member || !isRole(member.role)) throw new AppError("not_found", "No such member in this process.");
    const convenorCount = await tx.membership.count({ where: { processId, role: "convenor" } });
    if (checkConvenorRemains({ targetRole: member.role, newRole: null, convenorCount })) {
      throw new AppError("last_convenor", "A process needs at least one convenor. Appoint another convenor first.");
    }
    await tx.membership.delete({ where: { id: memberId } });
    await appendAudit(tx, {
      processId,
      actorId: actor.id,
      action: "member.removed",
      data: {
        membershipId: memberId,
        userId: member.userId,
        role: member.role,
        groupId: member.groupId,
        organisation: member.organisation,
      },
    });
  });
}
