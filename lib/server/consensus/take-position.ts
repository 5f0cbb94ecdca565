import "server-only";
import { z } from "zod";
import { RATIONALE_REQUIRED, STANCES } from "@/lib/domain/consensus";
import { can } from "@/lib/domain/permissions";
import { isRole } from "@/lib/domain/roles";
import { AppError } from "@/lib/errors";
import { emitProcessEvent } from "@/lib/runtime/process-events";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { idSchema, parseInput } from "../validation";

export const takePositionSchema = z
  .object({
    processId: idSchema,
    clauseId: z.string().trim().min(1).max(64),
    stance: z.enum(STANCES),
    rationale: z.string().trim().max(2000, "at most 2000 characters").default(""),
  })
  .refine((p) => !RATIONALE_REQUIRED.has(p.stance) || p.rationale.length >= 3, {
    message: "a rationale is required for reservations, disagreement and blocks",
    path: ["rationale"],
  });

/**
 * Takes (or changes) the actor's position on a clause, bound to the clause's
 * current wording. Group, name and organisation come from the membership; the
 * previous position is kept as history; the change is an audit row.
 */
export async function takePosition(actor: Actor, input: unknown): Promise<{ positionId: string }> {
  // Fields claiming a group or author are dropped by the schema: the group is the membership's.
  const data = parseInput(takePositionSchema, input);
  const result = await db.$transaction(async (tx) => {
    const membership = await tx.membership.findUnique({
      where: { processId_userId: { processId: data.processId, userId: actor.id } },
      include: { group: true, process: { select: { status: true } } },
    });
    if (!membership || !isRole(membership.role)) throw new AppError("not_found", "This drafting process does not exist or you are not a member of it.");
    if (!can(membership.role, "position.take")) throw new AppError("forbidden", "Observers do not take positions.");
    if (membership.process.status === "signed_off") throw new AppError("conflict", "This process has been signed off; positions are closed.");
    const clause = await tx.clause.findUnique({ where: { processId_clauseId: { processId: data.processId, clauseId: data.clauseId } } });
    if (!clause || clause.kind !== "clause") throw new AppError("invalid_input", "There is no such clause in this draft.", { field: "clauseId" });
    const now = new Date();
    await tx.position.updateMany({
      where: { processId: data.processId, clauseId: data.clauseId, userId: actor.id, supersededAt: null },
      data: { supersededAt: now },
    });
    const position = await tx.position.create({
      data: {
        processId: data.processId,
        clauseId: data.clauseId,
        userId: actor.id,
        authorName: actor.name,
        organisation: membership.organisation,
        groupId: membership.group.id,
        groupKey: membership.group.key,
        groupName: membership.group.name,
        groupColour: membership.group.colour,
        stance: data.stance,
        rationale: data.rationale,
        textHash: clause.textHash,
        createdAt: now,
      },
    });
    await appendAudit(tx, {
      processId: data.processId,
      actorId: actor.id,
      action: "position.taken",
      data: { positionId: position.id, clauseId: data.clauseId, stance: data.stance, groupId: membership.group.id, textHash: clause.textHash, rationale: data.rationale },
    });
    return { positionId: position.id };
  });
  emitProcessEvent({ processId: data.processId, kind: "consensus", threadId: "" });
  return result;
}
