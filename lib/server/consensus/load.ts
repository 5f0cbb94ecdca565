import "server-only";
import { clauseConsensus, type ClauseConsensus, type ConsensusRules, type Disposition, type Stance } from "@/lib/domain/consensus";
import { can } from "@/lib/domain/permissions";
import { isRole } from "@/lib/domain/roles";
import type { Db, Tx } from "../db";

export interface PositionRow {
  id: string;
  clauseId: string;
  userId: string;
  authorName: string;
  organisation: string;
  groupId: string;
  groupKey: string | null;
  groupName: string;
  groupColour: string;
  stance: Stance;
  rationale: string;
  textHash: string;
  createdAt: Date;
  supersededAt: Date | null;
  disposition: { kind: Disposition; note: string; createdAt: Date } | null;
}

export interface ConsensusSnapshot {
  process: { id: string; title: string; language: string; status: string };
  rules: ConsensusRules;
  groups: Array<{ id: string; key: string | null; name: string; colour: string; eligible: number; members: number }>;
  clauses: Array<{ clauseId: string; kind: string; number: string; text: string; textHash: string; position: number }>;
  /** Every position ever taken, oldest first. */
  ledger: PositionRow[];
  /** Per numbered clause: the rule's verdict over current positions. */
  results: Map<string, ClauseConsensus>;
}

/** Everything the rule needs, read in one go; the verdicts are computed, never stored. */
export async function loadConsensus(client: Db | Tx, processId: string): Promise<ConsensusSnapshot> {
  const [process, groups, memberships, clauses, positions] = await Promise.all([
    client.process.findUniqueOrThrow({ where: { id: processId } }),
    client.stakeholderGroup.findMany({ where: { processId }, orderBy: { position: "asc" } }),
    client.membership.findMany({ where: { processId }, select: { groupId: true, role: true } }),
    client.clause.findMany({ where: { processId }, orderBy: { position: "asc" } }),
    client.position.findMany({ where: { processId }, orderBy: { createdAt: "asc" }, include: { disposition: true } }),
  ]);
  const rules: ConsensusRules = { quorum: process.ruleQuorum, approval: process.ruleApproval, negatives: process.ruleNegatives };
  const groupRows = groups.map((g) => ({
    id: g.id,
    key: g.key,
    name: g.name,
    colour: g.colour,
    members: memberships.filter((m) => m.groupId === g.id).length,
    eligible: memberships.filter((m) => m.groupId === g.id && isRole(m.role) && can(m.role, "position.take")).length,
  }));
  const ledger: PositionRow[] = positions.map((p) => ({
    ...p,
    stance: p.stance as Stance,
    disposition: p.disposition ? { kind: p.disposition.kind as Disposition, note: p.disposition.note, createdAt: p.disposition.createdAt } : null,
  }));
  const hashOf = new Map(clauses.map((c) => [c.clauseId, c.textHash]));
  const results = new Map<string, ClauseConsensus>();
  for (const clause of clauses.filter((c) => c.kind === "clause")) {
    const current = ledger.filter((p) => p.clauseId === clause.clauseId && !p.supersededAt);
    results.set(
      clause.clauseId,
      clauseConsensus(
        groupRows,
        current.map((p) => ({ groupId: p.groupId, stance: p.stance, stale: p.textHash !== hashOf.get(clause.clauseId), disposition: p.disposition?.kind ?? null })),
        rules,
      ),
    );
  }
  return {
    process: { id: process.id, title: process.title, language: process.language, status: process.status },
    rules,
    groups: groupRows,
    clauses,
    ledger,
    results,
  };
}
