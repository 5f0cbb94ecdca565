import "server-only";
import type { ClauseStatus, ConsensusRules, Reason, Stance } from "@/lib/domain/consensus";
import { quorumFor } from "@/lib/domain/consensus";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { authorizeInProcess } from "../processes/access";
import { idSchema, parseInput } from "../validation";
import { loadConsensus } from "./load";

export interface PositionDto {
  id: string;
  userId: string;
  authorName: string;
  organisation: string;
  groupId: string;
  stance: Stance;
  rationale: string;
  createdAt: string;
  stale: boolean;
  disposition: { kind: string; note: string; at: string } | null;
}

export interface ConsensusDto {
  process: { id: string; title: string; status: string };
  rules: ConsensusRules;
  groups: Array<{
    id: string;
    key: string | null;
    name: string;
    colour: string;
    members: number;
    eligible: number;
    activeThisWeek: number;
    positionsCast: number;
    stale: number;
    underRepresented: boolean;
  }>;
  clauses: Array<{
    clauseId: string;
    number: string;
    text: string;
    status: ClauseStatus;
    staleCount: number;
    reasons: Reason[];
    tallies: Record<string, { current: number; quorumNeeded: number; agree: number; reservations: number; disagree: number; block: number; abstain: number; stale: number; meetsQuorum: boolean; meetsThresholds: boolean }>;
    positions: PositionDto[];
  }>;
  progress: { consensus: number; total: number };
  signOff: { signedAt: string; signedBy: string; sha256: string } | null;
}

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** The dashboard: every clause's status and why, per group; participation; current positions. */
export async function getConsensus(actor: Actor, processId: unknown): Promise<ConsensusDto> {
  const id = parseInput(idSchema, processId);
  await authorizeInProcess(db, actor, id, "process.view");
  const snapshot = await loadConsensus(db, id);
  const [recentComments, signOff] = await Promise.all([
    db.comment.findMany({ where: { processId: id, createdAt: { gte: new Date(Date.now() - WEEK_MS) } }, select: { authorId: true, groupId: true } }),
    db.signOff.findUnique({ where: { processId: id } }),
  ]);
  const signer = signOff ? await db.user.findUnique({ where: { id: signOff.signedById }, select: { name: true } }) : null;
  const hashOf = new Map(snapshot.clauses.map((c) => [c.clauseId, c.textHash]));
  const current = snapshot.ledger.filter((p) => !p.supersededAt);
  const numbered = snapshot.clauses.filter((c) => c.kind === "clause");
  const weekAgo = Date.now() - WEEK_MS;
  return {
    process: { id, title: snapshot.process.title, status: snapshot.process.status },
    rules: snapshot.rules,
    groups: snapshot.groups.map((g) => {
      const mine = current.filter((p) => p.groupId === g.id);
      const voters = new Set(mine.filter((p) => p.textHash === hashOf.get(p.clauseId)).map((p) => p.userId));
      const active = new Set([
        ...snapshot.ledger.filter((p) => p.groupId === g.id && p.createdAt.getTime() >= weekAgo).map((p) => p.userId),
        ...recentComments.filter((c) => c.groupId === g.id).map((c) => c.authorId),
      ]);
      return {
        id: g.id,
        key: g.key,
        name: g.name,
        colour: g.colour,
        members: g.members,
        eligible: g.eligible,
        activeThisWeek: active.size,
        positionsCast: mine.length,
        stale: mine.filter((p) => p.textHash !== hashOf.get(p.clauseId)).length,
        // Fewer people taking positions than one clause's quorum needs: the group cannot carry any clause.
        underRepresented: g.eligible === 0 || voters.size < quorumFor(g.eligible, snapshot.rules.quorum),
      };
    }),
    clauses: numbered.map((c) => {
      const result = snapshot.results.get(c.clauseId)!;
      return {
        clauseId: c.clauseId,
        number: c.number,
        text: c.text,
        status: result.status,
        staleCount: result.staleCount,
        reasons: result.reasons,
        tallies: Object.fromEntries(result.groups.map((t) => [t.groupId, t])),
        positions: current
          .filter((p) => p.clauseId === c.clauseId)
          .map((p) => ({
            id: p.id,
            userId: p.userId,
            authorName: p.authorName,
            organisation: p.organisation,
            groupId: p.groupId,
            stance: p.stance,
            rationale: p.rationale,
            createdAt: p.createdAt.toISOString(),
            stale: p.textHash !== c.textHash,
            disposition: p.disposition ? { kind: p.disposition.kind, note: p.disposition.note, at: p.disposition.createdAt.toISOString() } : null,
          })),
      };
    }),
    progress: { consensus: numbered.filter((c) => snapshot.results.get(c.clauseId)?.status === "consensus").length, total: numbered.length },
    signOff: signOff ? { signedAt: signOff.signedAt.toISOString(), signedBy: signer?.name ?? "", sha256: signOff.bundleHash } : null,
  };
}
