import * as Y from "yjs";
import { clauseTextHash } from "@/lib/domain/clause-hash";
import { deriveClauses, type DerivedClause } from "@/lib/domain/clauses";
import type { DocNode } from "@/lib/domain/draft-doc";
import type { Db } from "@/lib/db/client";
import { docJsonToYUpdate } from "@/lib/collab/doc-json";

export interface LoadedDoc {
  /** Snapshot first, then the appended updates in order. */
  updates: Uint8Array[];
  /** Stored bytes: snapshot plus updates (what the size limit counts). */
  bytes: number;
  /** Updates appended since the snapshot (compaction trigger). */
  rowsSinceSnapshot: number;
}

interface StoredClause {
  number: string;
  position: number;
  kind: string;
  textHash: string;
}

/** Prisma's Bytes type wants an ArrayBuffer-backed view; Yjs hands out ArrayBufferLike ones. Same memory. */
function bytes(u: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(u.buffer as ArrayBuffer, u.byteOffset, u.byteLength);
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown })?.code === "P2002";
}

/**
 * The database side of a live document: an append-only update log folded into a
 * snapshot from time to time, and the derived clause table. Load = snapshot + log.
 */
export class DocStore {
  constructor(private readonly db: Db) {}

  /** Null when the process does not exist. Seeds the Yjs state from the stored JSON exactly once. */
  async load(processId: string): Promise<LoadedDoc | null> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const snapshot = await this.db.docSnapshot.findUnique({ where: { processId } });
      const rows = await this.db.docUpdate.findMany({
        where: { processId, seq: { gt: snapshot?.upToSeq ?? 0 } },
        orderBy: { seq: "asc" },
        select: { data: true },
      });
      if (snapshot || rows.length) {
        const updates = [...(snapshot ? [snapshot.state] : []), ...rows.map((r) => r.data)];
        return { updates, bytes: updates.reduce((n, u) => n + u.byteLength, 0), rowsSinceSnapshot: rows.length };
      }
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

  async append(processId: string, update: Uint8Array): Promise<number> {
    const row = await this.db.docUpdate.create({ data: { processId, data: bytes(update) }, select: { seq: true } });
    return row.seq;
  }

  /**
   * Folds the log into the snapshot. Reads from the database (not from memory), so
   * updates another instance appended are never dropped; the snapshot only moves
   * forward (`upToSeq`), so two instances compacting at once cannot lose rows.
   */
  async compact(processId: string): Promise<{ folded: number; bytes: number }> {
    return this.db.$transaction(async (tx) => {
      const snapshot = await tx.docSnapshot.findUnique({ where: { processId } });
      const from = snapshot?.upToSeq ?? 0;
      const rows = await tx.docUpdate.findMany({ where: { processId, seq: { gt: from } }, orderBy: { seq: "asc" } });
      if (!rows.length) return { folded: 0, bytes: snapshot?.state.byteLength ?? 0 };
      const doc = new Y.Doc({ gc: true });
      if (snapshot) Y.applyUpdate(doc, snapshot.state);
      for (const row of rows) Y.applyUpdate(doc, row.data);
      const state = Y.encodeStateAsUpdate(doc);
      doc.destroy();
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
  async writeDerived(
    processId: string,
    json: DocNode,
    previous: Map<string, StoredClause> | null,
  ): Promise<{ clauses: Map<string, StoredClause>; wordingChanged: boolean }> {
    const clauses: DerivedClause[] = deriveClauses(json);
    const next = new Map<string, StoredClause>();
    const rows = clauses.map((c) => {
      const textHash = clauseTextHash(c.text);
      next.set(c.clauseId, { number: c.number, position: c.position, kind: c.kind, textHash });
      return { ...c, textHash };
    });
    let wordingChanged = false;
    await this.db.$transaction(async (tx) => {
      const known =
        previous ??
        new Map(
          (
            await tx.clause.findMany({
              where: { processId },
              select: { clauseId: true, number: true, position: true, kind: true, textHash: true },
            })
          ).map((r) => [r.clauseId, r]),
        );
      const removed = [...known.keys()].filter((id) => !next.has(id));
      wordingChanged = removed.length > 0 || rows.some((r) => known.get(r.clauseId)?.textHash !== r.textHash);
      if (removed.length) await tx.clause.deleteMany({ where: { processId, clauseId: { in: removed } } });
      for (const row of rows) {
        const before = known.get(row.clauseId);
        if (before && before.number === row.number && before.position === row.position && before.kind === row.kind && before.textHash === row.textHash) {
          continue;
        }
        const data = { kind: row.kind, number: row.number, position: row.position, text: row.text, textHash: row.textHash };
        await tx.clause.upsert({
          where: { processId_clauseId: { processId, clauseId: row.clauseId } },
          create: { processId, clauseId: row.clauseId, ...data },
          update: data,
        });
      }
      await tx.draft.upsert({
        where: { processId },
        create: { processId, content: JSON.stringify(json) },
        update: { content: JSON.stringify(json) },
      });
    });
    return { clauses: next, wordingChanged };
  }
}
