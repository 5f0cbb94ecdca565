import { createHash } from "node:crypto";
import { canonicalJson, type Json } from "./canonical-json";

/** The hash before the first row of the chain. */
export const GENESIS_HASH = "0".repeat(64);

/** The fields of an audit row that its hash covers (everything except the hash). */
export interface AuditRowBody {
  seq: number;
  createdAt: string; // ISO 8601, UTC
  processId: string | null;
  actorId: string | null;
  action: string;
  data: Json;
  prevHash: string;
}

export interface AuditRow extends AuditRowBody {
  hash: string;
}

export function hashAuditRow(row: AuditRowBody): string {
  const body: Json = {
    seq: row.seq,
    createdAt: row.createdAt,
    processId: row.processId,
    actorId: row.actorId,
    action: row.action,
    data: row.data,
    prevHash: row.prevHash,
  };
  return createHash("sha256").update(row.prevHash).update(canonicalJson(body)).digest("hex");
}

export type ChainProblem =
  | { kind: "hash_mismatch"; seq: number; expected: string; stored: string }
  | { kind: "broken_link"; seq: number; expectedPrevHash: string; storedPrevHash: string }
  | { kind: "sequence_gap"; afterSeq: number; nextSeq: number };

export interface ChainReport {
  rows: number;
  headHash: string;
  problems: ChainProblem[];
}

/**
 * Checks rows in sequence order. An edited row fails its own hash; a deleted row
 * breaks the next row's link and leaves a gap in the sequence. (Removing the newest
 * rows cannot be seen from the chain alone: compare `headHash` and `rows` with a
 * copy kept elsewhere — see docs/security.md.)
 */
export function verifyAuditChain(rows: readonly AuditRow[]): ChainReport {
  const problems: ChainProblem[] = [];
  let expectedPrev = GENESIS_HASH;
  let previousSeq: number | null = null;
  for (const row of rows) {
    if (previousSeq !== null && row.seq !== previousSeq + 1) {
      problems.push({ kind: "sequence_gap", afterSeq: previousSeq, nextSeq: row.seq });
    }
    if (row.prevHash !== expectedPrev) {
      problems.push({ kind: "broken_link", seq: row.seq, expectedPrevHash: expectedPrev, storedPrevHash: row.prevHash });
    }
    const recomputed = hashAuditRow(row);
    if (recomputed !== row.hash) {
      problems.push({ kind: "hash_mismatch", seq: row.seq, expected: recomputed, stored: row.hash });
    }
    // Continue from the stored hash so one bad row is reported once, not for every later row.
    expectedPrev = row.hash;
    previousSeq = row.seq;
  }
  return { rows: rows.length, headHash: rows.length ? rows[rows.length - 1].hash : GENESIS_HASH, problems };
}
