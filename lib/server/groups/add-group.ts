import "server-only";
import { z } from "zod";
import { groupColour, MAX_GROUPS_PER_PROCESS } from "@/lib/domain/groups";
import { AppError } from "@/lib/errors";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { authorizeInProcess } from "../processes/access";
import { idSchema, parseInput } from "../validation";

export const addGroupSchema = z.object({
  processId: idSchema,
  name: z.string().trim().min(2, "at least 2 characters").max(60, "at most 60 characters"),
});

export async function addGroup(actor: Actor, input: unknown): Promise<{ groupId: string }> {
  const { processId, name } = parseInput(addGroupSchema, input);
  return db.$transaction(async (tx) => {
    await authorizeInProcess(tx, actor, processId, "groups.manage");
    const groups = await tx.stakeholderGroup.findMany({ where: { processId }, select: { name: true, position: true } });
    if (groups.some((g) => g.name.toLocaleLowerCase() === name.toLocaleLowerCase())) {
      throw new AppError("conflict", "A stakeholder group with this name already exists.", { field: "name" });
    }
    if (groups.length >= MAX_GROUPS_PER_PROCESS) {
      throw new AppError("conflict", `A process can have at most ${MAX_GROUPS_PER_PROCESS} stakeholder groups.`);
    }
    const position = Math.max(-1, ...groups.map((g) => g.position)) + 1;
    const group = await tx.stakeholderGroup.create({
      data: { processId, name, colour: groupColour(position), position },
    });
    await appendAudit(tx, { processId, actorId: actor.id, action: "group.added", data: { groupId: group.id, name } });
    return { groupId: group.id };
  });
}
