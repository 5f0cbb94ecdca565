import "server-only";
import { z } from "zod";
import { validRules } from "@/lib/domain/consensus";
import { AppError } from "@/lib/errors";
import { emitProcessEvent } from "@/lib/runtime/process-events";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { authorizeInProcess } from "../processes/access";
import { idSchema, parseInput } from "../validation";

const share = z.number().min(0).max(1);
export const updateRulesSchema = z.object({ processId: idSchema, quorum: share.positive(), approval: share, negatives: share });

/** The convenor sets the process's consensus rule (recorded in the audit log). */
export async function updateRules(actor: Actor, input: unknown): Promise<void> {
  const data = parseInput(updateRulesSchema, input);
  if (!validRules(data)) throw new AppError("invalid_input", "Shares must be between 0 and 1, with a positive quorum.");
  await db.$transaction(async (tx) => {
    const { process } = await authorizeInProcess(tx, actor, data.processId, "process.signOff");
    if (process.status === "signed_off") throw new AppError("conflict", "This process has been signed off.");
    await tx.process.update({ where: { id: data.processId }, data: { ruleQuorum: data.quorum, ruleApproval: data.approval, ruleNegatives: data.negatives } });
    await appendAudit(tx, { processId: data.processId, actorId: actor.id, action: "consensus.rules_updated", data: { quorum: data.quorum, approval: data.approval, negatives: data.negatives } });
  });
  emitProcessEvent({ processId: data.processId, kind: "consensus", threadId: "" });
}
