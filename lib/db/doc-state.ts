import * as Y from "yjs";
import type { Db, Tx } from "./client";

/** A live document's stored state: snapshot first, then the appended updates in order. */
export interface StoredDocState {
  updates: Uint8Array[];
  /** Stored bytes: snapshot plus updates (what the size limit counts). */
  bytes: number;
  /** Updates appended since the snapshot (compaction trigger). */
  rowsSinceSnapshot: number;
  /**
   * The last stored update's sequence number, where known. A seq is never reused and a
   * row only ever changes by being emptied (Room.takeBack), which changes `bytes`: so
   * with `bytes` it names the state.
   */
  lastSeq?: number;
}

/**
 * Applies stored updates to a document in one Yjs transaction: Yjs tidies up (merges
 * structs, collects garbage) once instead of after every row, three times faster for
 * 500 rows. For every place that rebuilds a document from what is stored.
 */
export function applyStoredUpdates(doc: Y.Doc, updates: Uint8Array[], origin?: unknown): void {
  doc.transact(() => {
    for (const update of updates) Y.applyUpdate(doc, update, origin);
  }, origin);
}

export function docStateFrom(snapshot: Uint8Array | null, rows: Uint8Array[]): StoredDocState {
  const updates = snapshot ? [snapshot, ...rows] : rows;
  return { updates, bytes: updates.reduce((n, u) => n + u.byteLength, 0), rowsSinceSnapshot: rows.length };
}

/**
 * Snapshot + log through Prisma; null when the document has no state at all yet.
 *
 * Two statements, so a compaction (which moves the snapshot past rows and deletes them in
 * one transaction) can commit between them: the old snapshot would then be paired with
 * a log that no longer holds the rows it folded. Those rows are read again by nobody, so
 * the snapshot's position is checked once more after the log is read, and everything is
 * read again if it moved. A compaction committing after that check leaves what was read
 * consistent: the rows it deletes were already read.
 */
export async function readDocState(client: Db | Tx, processId: string): Promise<StoredDocState | null> {
  for (let attempt = 1; ; attempt++) {
    const snapshot = await client.docSnapshot.findUnique({ where: { processId }, select: { state: true, upToSeq: true } });
    const rows = await client.docUpdate.findMany({
      where: { processId, seq: { gt: snapshot?.upToSeq ?? 0 } },
      orderBy: { seq: "asc" },
      select: { data: true, seq: true },
    });
    const now = await client.docSnapshot.findUnique({ where: { processId }, select: { upToSeq: true } });
    if (now?.upToSeq !== snapshot?.upToSeq) {
      if (attempt < 5) continue;
      throw new Error(`the stored state of ${processId} kept changing while it was read`);
    }
    if (!snapshot && !rows.length) return null;
    return { ...docStateFrom(snapshot?.state ?? null, rows.map((r) => r.data)), lastSeq: rows.at(-1)?.seq ?? snapshot?.upToSeq ?? 0 };
  }
}

/** A count or sum from a raw query: SQLite gives bigint, PostgreSQL bigint or number. */
function toNumber(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/**
 * What names the stored state (see `StoredDocState.lastSeq`) without reading it: its
 * newest seq and byte count. Reading a long draft's state through Prisma costs over
 * 100 ms (its bytes are converted on the way); this costs about one.
 */
export async function readDocStateKey(client: Db | Tx, processId: string): Promise<{ lastSeq: number; bytes: number } | null> {
  // One statement, so a compaction committing meanwhile cannot pair an old snapshot with a new log.
  const [row] = await client.$queryRaw<Array<{ snapshotBytes: unknown; upToSeq: unknown; rows: unknown; logBytes: unknown; lastSeq: unknown }>>`
    WITH "snap" AS (SELECT length("state") AS "bytes", "upToSeq" FROM "DocSnapshot" WHERE "processId" = ${processId})
    SELECT (SELECT "bytes" FROM "snap") AS "snapshotBytes", (SELECT "upToSeq" FROM "snap") AS "upToSeq",
      COUNT(*) AS "rows", SUM(length("data")) AS "logBytes", MAX("seq") AS "lastSeq"
    FROM "DocUpdate" WHERE "processId" = ${processId} AND "seq" > COALESCE((SELECT "upToSeq" FROM "snap"), 0)`;
  const hasSnapshot = row.snapshotBytes !== null && row.snapshotBytes !== undefined;
  const rows = toNumber(row.rows);
  if (!hasSnapshot && !rows) return null;
  return { lastSeq: rows ? toNumber(row.lastSeq) : toNumber(row.upToSeq), bytes: toNumber(row.snapshotBytes) + toNumber(row.logBytes) };
}
