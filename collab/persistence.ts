import * as Y from "yjs";
import { clauseTextHash } from "@/lib/domain/clause-hash";
import { numberBlocks, type BlockInfo, type DerivedClause } from "@/lib/domain/clauses";
import type { DocNode } from "@/lib/domain/draft-doc";
import type { Db } from "@/lib/db/client";
import { applyStoredUpdates, readDocState, type StoredDocState } from "@/lib/db/doc-state";
import { docJsonToYUpdate } from "@/lib/collab/doc-json";
import type { MemberFacts } from "./auth";
import type { DraftSnapshot } from "./live-draft";

export type LoadedDoc = StoredDocState;

export interface MembershipSnapshot {
  rows: Array<{ processId: string; userId: string; role: string; groupId: string }>;
  signedOff: Set<string>;
}

export interface StoredClause {
  number: string;
  position: number;
  kind: string;
  textHash: string;
  /** Kept so an unchanged clause is not hashed again on every derive. */
  text?: string;
}

/** Prisma's Bytes type wants an ArrayBuffer-backed view; Yjs hands out ArrayBufferLike ones. Same memory. */
function bytes(u: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(u.buffer as ArrayBuffer, u.byteOffset, u.byteLength);
}

/** A Yjs update that changes nothing (an empty document's state). */
export const EMPTY_UPDATE = new Uint8Array([0, 0]);

// Each retry means another instance committed a row to the same document meanwhile.
const MAX_APPEND_ATTEMPTS = 20;

/** A unique constraint refused the write: P2002 from an ORM call, or the driver's own report from a raw query. */
function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } } };
  if (e?.code === "P2002") return true;
  const cause = e?.meta?.driverAdapterError?.cause;
  return e?.code === "P2010" && (cause?.kind === "UniqueConstraintViolation" || cause?.originalCode === "23505");
}

/**
 * The database side of a live document: an append-only update log folded into a
 * snapshot from time to time, and the derived clause table. Load = snapshot + log.
 * Through the ORM, for PostgreSQL (its appends and compaction lock rows); SQLite
 * uses SqliteDocStore (openDocStore picks).
 */
export class DocStore {
  constructor(private readonly db: Db) {}

  /** Null when the process does not exist. Seeds the Yjs state from the stored JSON exactly once. */
  async load(processId: string): Promise<LoadedDoc | null> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const stored = await readDocState(this.db, processId);
      if (stored) return stored;
      // A document with no state at all: convert the stored draft once. The snapshot's
      // primary key makes this happen once even when several instances race.
      const draft = await this.db.draft.findUnique({ where: { processId }, select: { content: true } });
      if (!draft) {
        const exists = await this.db.process.count({ where: { id: processId } });
        if (!exists) return null;
      }
      const json = draft ? (JSON.parse(draft.content) as DocNode) : { type: "doc", content: [] };
      try {
        await this.db.docSnapshot.create({ data: { processId, state: bytes(docJsonToYUpdate(json)), upToSeq: 0 } });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    throw new Error(`could not load document ${processId}`);
  }

  /** Admission's membership lookup, on every connection. */
  findMember(processId: string, userId: string): Promise<MemberFacts | null> {
    return this.db.membership.findUnique({
      where: { processId_userId: { processId, userId } },
      select: {
        userId: true,
        role: true,
        groupId: true,
        user: { select: { name: true } },
        group: { select: { id: true, key: true, name: true, colour: true } },
        process: { select: { status: true } },
      },
    });
  }

  /** The membership watch's periodic re-check: current role and group of these people, and which of these processes are signed off. */
  async currentMemberships(processIds: string[], userIds: string[]): Promise<MembershipSnapshot> {
    const rows = await this.db.membership.findMany({
      where: { processId: { in: processIds }, userId: { in: userIds } },
      select: { processId: true, userId: true, role: true, groupId: true },
    });
    const signedOff = await this.db.process.findMany({ where: { id: { in: processIds }, status: "signed_off" }, select: { id: true } });
    return { rows, signedOff: new Set(signedOff.map((p) => p.id)) };
  }

  /**
   * Stores one update as the document's next row and returns its seq: one past the newest
   * row and past the snapshot's upToSeq (whose rows compaction deleted).
   *
   * On PostgreSQL each statement reads the rows as they were when it started, so the
   * append first takes a share lock on the document's snapshot row, which compaction
   * takes exclusively: no compaction commits between the INSERT's read and its commit,
   * and one that committed before it is seen. Appends still run side by side; two
   * instances appending to one document at once may pick the same seq, and the primary
   * key refuses the second, which starts again. So a document's rows are numbered in
   * the order they were committed, and compaction cannot fold past a row still being
   * written (as it could with a table-wide sequence, whose numbers are taken before
   * commit). SQLite serializes writers and needs none of this (SqliteDocStore).
   */
  async append(processId: string, update: Uint8Array): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.$transaction(async (tx) => {
          await tx.$queryRaw`SELECT 1 FROM "DocSnapshot" WHERE "processId" = ${processId} FOR SHARE`;
          const rows = await tx.$queryRaw<Array<{ seq: number | bigint }>>`
            INSERT INTO "DocUpdate" ("processId", "seq", "data") VALUES (${processId}, GREATEST(
              COALESCE((SELECT MAX("seq") FROM "DocUpdate" WHERE "processId" = ${processId}), 0),
              COALESCE((SELECT "upToSeq" FROM "DocSnapshot" WHERE "processId" = ${processId}), 0)
            ) + 1, ${bytes(update)}) RETURNING "seq"`;
          return Number(rows[0].seq);
        });
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= MAX_APPEND_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Takes an appended row back (Room.takeBack: Yjs could not apply it). It becomes an
   * empty update rather than going away, so its seq is never given to another row:
   * (newest seq, bytes) keeps naming one stored state (getDraftSnapshot's cache).
   */
  async discard(processId: string, seq: number): Promise<void> {
    await this.db.docUpdate.updateMany({ where: { processId, seq }, data: { data: bytes(EMPTY_UPDATE) } });
  }

  /**
   * Folds the log into the snapshot. Reads from the database (not from memory), so
   * updates another instance appended are never dropped; the snapshot only moves
   * forward (`upToSeq`), so two instances compacting at once cannot lose rows. The
   * snapshot row is locked first: appends in flight finish before the rows are read,
   * and later ones wait (see append).
   */
  async compact(processId: string): Promise<{ folded: number; bytes: number }> {
    return this.db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM "DocSnapshot" WHERE "processId" = ${processId} FOR UPDATE`;
      const snapshot = await tx.docSnapshot.findUnique({ where: { processId } });
      const from = snapshot?.upToSeq ?? 0;
      const rows = await tx.docUpdate.findMany({ where: { processId, seq: { gt: from } }, orderBy: { seq: "asc" } });
      if (!rows.length) return { folded: 0, bytes: snapshot?.state.byteLength ?? 0 };
      const state = foldState(snapshot?.state ?? null, rows.map((r) => r.data));
      const upToSeq = rows[rows.length - 1].seq;
      if (snapshot) {
        const moved = await tx.docSnapshot.updateMany({ where: { processId, upToSeq: from }, data: { state: bytes(state), upToSeq } });
        if (moved.count !== 1) return { folded: 0, bytes: snapshot.state.byteLength };
      } else {
        await tx.docSnapshot.create({ data: { processId, state: bytes(state), upToSeq } });
      }
      await tx.docUpdate.deleteMany({ where: { processId, seq: { lte: upToSeq } } });
      return { folded: rows.length, bytes: state.byteLength };
    });
  }

  /**
   * Writes the draft JSON (for server rendering) and the clause table, touching
   * only rows that changed. `previous` is what this process last wrote, if known.
   */
  async writeDerived(processId: string, draft: DraftSnapshot, previous: Map<string, StoredClause> | null): Promise<DerivedWrite> {
    let result: DerivedWrite | null = null;
    await this.db.$transaction(async (tx) => {
      const known =
        previous ??
        new Map(
          (
            await tx.clause.findMany({
              where: { processId },
              select: { clauseId: true, number: true, position: true, kind: true, textHash: true, text: true },
            })
          ).map((r) => [r.clauseId, r]),
        );
      const plan = planDerived(draft.blocks, known);
      if (plan.removed.length) await tx.clause.deleteMany({ where: { processId, clauseId: { in: plan.removed } } });
      for (const row of plan.changed) {
        const data = { kind: row.kind, number: row.number, position: row.position, text: row.text, textHash: row.textHash };
        await tx.clause.upsert({
          where: { processId_clauseId: { processId, clauseId: row.clauseId } },
          create: { processId, clauseId: row.clauseId, ...data },
          update: data,
        });
      }
      const { content } = draft;
      await tx.draft.upsert({ where: { processId }, create: { processId, content }, update: { content } });
      result = { clauses: plan.next, wordingChanged: plan.wordingChanged };
    });
    return result!;
  }
}

/** The snapshot with the log applied, garbage-collected: the new snapshot. */
export function foldState(snapshot: Uint8Array | null, updates: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc({ gc: true });
  applyStoredUpdates(doc, snapshot ? [snapshot, ...updates] : updates);
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

export interface DerivedWrite {
  clauses: Map<string, StoredClause>;
  wordingChanged: boolean;
}

export interface DerivedPlan {
  next: Map<string, StoredClause>;
  removed: string[];
  changed: Array<DerivedClause & { textHash: string }>;
  wordingChanged: boolean;
}

/** What the clause table must become for this draft, given what it holds. */
export function planDerived(blocks: BlockInfo[], known: Map<string, StoredClause>): DerivedPlan {
  const next = new Map<string, StoredClause>();
  const rows = numberBlocks(blocks).map((c) => {
    const before = known.get(c.clauseId);
    const textHash = before?.text === c.text ? before.textHash : clauseTextHash(c.text);
    next.set(c.clauseId, { number: c.number, position: c.position, kind: c.kind, textHash, text: c.text });
    return { ...c, textHash };
  });
  const removed = [...known.keys()].filter((id) => !next.has(id));
  const changed = rows.filter((row) => {
    const before = known.get(row.clauseId);
    return !(before && before.number === row.number && before.position === row.position && before.kind === row.kind && before.textHash === row.textHash);
  });
  const wordingChanged = removed.length > 0 || rows.some((r) => known.get(r.clauseId)?.textHash !== r.textHash);
  return { next, removed, changed, wordingChanged };
}
