import "server-only";
import { z } from "zod";
import type { Json } from "@/lib/domain/canonical-json";
import { canonicalJson } from "@/lib/domain/canonical-json";
import { makeBundle } from "@/lib/domain/signed-record";
import { AppError } from "@/lib/errors";
import { emitProcessEvent } from "@/lib/runtime/process-events";
import { appendAudit } from "../audit/append-audit";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { authorizeInProcess } from "../processes/access";
import { idSchema, parseInput } from "../validation";
import { loadConsensus } from "./load";

export const signOffSchema = z.object({
  processId: idSchema,
  overrides: z
    .array(z.object({ clauseId: z.string().trim().min(1).max(64), justification: z.string().trim().min(10, "explain the override (at least 10 characters)").max(4000) }))
    .max(1000)
    .default([]),
});

/**
 * Signs the text off: only when every clause is at consensus or overridden with a
 * written justification. Builds the signed record (text, statuses and tallies,
 * the full position ledger, objections with dispositions, overrides), stores it
 * with its SHA-256, freezes the process, and records the sign-off in the audit log.
 */
export async function signOff(actor: Actor, input: unknown): Promise<{ sha256: string }> {
  const data = parseInput(signOffSchema, input);
  const result = await db.$transaction(
    async (tx) => {
      const { process, membership } = await authorizeInProcess(tx, actor, data.processId, "process.signOff");
      if (process.status === "signed_off") throw new AppError("conflict", "This process is already signed off.");
      const snapshot = await loadConsensus(tx, data.processId);
      const numbered = snapshot.clauses.filter((c) => c.kind === "clause");
      if (!numbered.length) throw new AppError("conflict", "The draft has no clauses to sign off.");
      const overrides = new Map(data.overrides.map((o) => [o.clauseId, o.justification]));
      for (const id of overrides.keys()) {
        if (!numbered.some((c) => c.clauseId === id)) throw new AppError("invalid_input", "An override names a clause that is not in the draft.", { field: "overrides" });
      }
      const missing = numbered.filter((c) => snapshot.results.get(c.clauseId)?.status !== "consensus" && !overrides.has(c.clauseId));
      if (missing.length) {
        throw new AppError("conflict", `Clauses without consensus need an override with a justification: ${missing.map((c) => c.number).join(", ")}.`, {
          clauses: missing.map((c) => c.clauseId),
        });
      }
      const group = await tx.stakeholderGroup.findUniqueOrThrow({ where: { id: membership.groupId } });
      const head = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
      const signedAt = new Date();
      const hashOf = new Map(snapshot.clauses.map((c) => [c.clauseId, c.textHash]));
      const numberOf = new Map(snapshot.clauses.map((c) => [c.clauseId, c.number]));
      const groupName = new Map(snapshot.groups.map((g) => [g.id, g.name]));
      const record = {
        process: { id: snapshot.process.id, title: snapshot.process.title, language: snapshot.process.language },
        signedAt: signedAt.toISOString(),
        signedBy: { userId: actor.id, name: actor.name, organisation: membership.organisation, group: group.name },
        rules: snapshot.rules,
        text: snapshot.clauses.map((c) => ({ clauseId: c.clauseId, kind: c.kind, number: c.number, text: c.text, sha256: c.textHash })),
        clauses: numbered.map((c) => {
          const r = snapshot.results.get(c.clauseId)!;
          return {
            clauseId: c.clauseId,
            number: c.number,
            status: r.status,
            overridden: overrides.has(c.clauseId),
            staleCount: r.staleCount,
            groups: r.groups.map((t) => ({
              group: groupName.get(t.groupId) ?? t.groupId,
              eligible: t.eligible,
              quorumNeeded: t.quorumNeeded,
              agree: t.agree,
              reservations: t.reservations,
              disagree: t.disagree,
              block: t.block,
              abstain: t.abstain,
              stale: t.stale,
            })),
          };
        }),
        ledger: snapshot.ledger.map((p) => ({
          positionId: p.id,
          clauseId: p.clauseId,
          clause: numberOf.get(p.clauseId) ?? "",
          userId: p.userId,
          name: p.authorName,
          organisation: p.organisation,
          group: p.groupName,
          stance: p.stance,
          rationale: p.rationale,
          at: p.createdAt.toISOString(),
          clauseTextSha256: p.textHash,
          current: !p.supersededAt,
          stale: p.textHash !== hashOf.get(p.clauseId),
        })),
        objections: snapshot.ledger
          .filter((p) => !p.supersededAt && (p.stance === "block" || p.stance === "disagree"))
          .map((p) => ({
            positionId: p.id,
            clause: numberOf.get(p.clauseId) ?? "",
            name: p.authorName,
            group: p.groupName,
            stance: p.stance,
            rationale: p.rationale,
            disposition: p.disposition ? { kind: p.disposition.kind, note: p.disposition.note, at: p.disposition.createdAt.toISOString() } : null,
          })),
        overrides: [...overrides].map(([clauseId, justification]) => ({ clauseId, clause: numberOf.get(clauseId) ?? "", justification })),
        auditLogHead: head ? { seq: head.seq, hash: head.hash } : null,
      };
      const bundle = makeBundle(record as unknown as Json);
      await tx.signOff.create({
        data: { processId: data.processId, signedById: actor.id, signedAt, bundle: canonicalJson(bundle as unknown as Json), bundleHash: bundle.sha256 },
      });
      await tx.process.update({ where: { id: data.processId }, data: { status: "signed_off" } });
      await appendAudit(tx, { processId: data.processId, actorId: actor.id, action: "process.signed_off", data: { sha256: bundle.sha256, overrides: record.overrides } });
      return { sha256: bundle.sha256 };
    },
    { timeout: 30_000 },
  );
  emitProcessEvent({ processId: data.processId, kind: "signed_off", threadId: "" });
  return result;
}
