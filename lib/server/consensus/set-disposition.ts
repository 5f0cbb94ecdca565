import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { emitProcessEvent } from "@/lib/runtime/process-events";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { authorizeInProcess } from "../processes/access";
import { idSchema, parseInput } from "../validation";

export const setDispositionSchema = z.object({
  processId: idSchema,
  positionId: idSchema,
  kind: z.enum(["addressed", "not_accommodated"]),
  note: z.string().trim().min(3, "say what was changed, or why it could not be accommodated").max(2000),
});

/** The convenor answers a block or disagreement. It stops blocking and stays in the objection register. */
export async function setDisposition(actor: Actor, input: unknown): Promise<void> {
  const data = parseInput(setDispositionSchema, input);
  await db.$transaction(async (tx) => {
    // Recording a disposition is the convenor's, like sign-off.
    const { process } = await authorizeInProcess(tx, actor, data.processId, "process.signOff");
    if (process.status === "signed_off") throw new AppError("conflict", "This process has been signed off.");
    const position = await tx.position.findFirst({ where: { id: data.positionId, processId: data.processId }, include: { disposition: true } });
    if (!position) throw new AppError("not_found", "No such position in this process.");
    if (position.supersededAt) throw new AppError("conflict", "This position has since been changed by its author.");
    if (position.stance !== "block" && position.stance !== "disagree") throw new AppError("invalid_input", "Only blocks and disagreements take a disposition.");
    if (position.disposition) throw new AppError("conflict", "This objection already has a disposition.");
    await tx.disposition.create({ data: { positionId: position.id, kind: data.kind, note: data.note, byId: actor.id } });
    await appendAudit(tx, {
      processId: data.processId,
      actorId: actor.id,
      action: "position.dispositioned",
      data: { positionId: position.id, clauseId: position.clauseId, kind: data.kind, note: data.note },
    });
  });
  emitProcessEvent({ processId: data.processId, kind: "consensus", threadId: "" });
}
