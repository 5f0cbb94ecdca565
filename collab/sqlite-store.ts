import type { Statement } from "better-sqlite3";
import type { SqliteConnection } from "@/lib/db/adapters";
import { docStateFrom } from "@/lib/db/doc-state";
import type { Db } from "@/lib/db/client";
import type { MemberFacts } from "./auth";
import type { DraftSnapshot } from "./live-draft";
import { DocStore, EMPTY_UPDATE, foldState, planDerived, type DerivedWrite, type LoadedDoc, type MembershipSnapshot, type StoredClause } from "./persistence";

/** Prisma writes DateTime to SQLite as ISO 8601 text with an explicit offset. */
const now = () => new Date().toISOString().replace("Z", "+00:00");

/**
 * The embedded (SQLite) document store. Appends, compaction and derived writes go
 * straight to the connection behind Prisma's adapter with prepared statements:
 * through the ORM each append cost a few milliseconds of query compilation on
 * every keystroke batch (docs/benchmarks.md). better-sqlite3 is synchronous, so
 * each write below is one atomic transaction that no other code can interleave with.
 */
export class SqliteDocStore extends DocStore {
  private readonly insert: Statement<[string, string, string, Uint8Array, string], number | bigint>;
  private readonly statements;

  constructor(db: Db, connection: SqliteConnection) {
    super(db);
    // One statement, so one transaction: the next seq is read and used with no other writer
    // in between, even another process on the same file. See DocStore.append. Positional
    // parameters and a plucked result: binding from an object and building a row object
    // were a quarter of the append's time in a profile of ten typists (notes §17).
    this.insert = connection
      .prepare<[string, string, string, Uint8Array, string], number | bigint>(
        'INSERT INTO "DocUpdate" ("processId", "seq", "data", "createdAt") VALUES (?, COALESCE(' +
          '(SELECT MAX("seq") FROM "DocUpdate" WHERE "processId" = ?), ' +
          '(SELECT "upToSeq" FROM "DocSnapshot" WHERE "processId" = ?), 0) + 1, ?, ?) RETURNING "seq"',
      )
      .pluck();
    this.statements = {
      snapshot: connection.prepare<[string], { state: Uint8Array; upToSeq: number | bigint }>('SELECT "state", "upToSeq" FROM "DocSnapshot" WHERE "processId" = ?'),
      rowsAfter: connection.prepare<[string, number], { seq: number | bigint; data: Uint8Array }>('SELECT "seq", "data" FROM "DocUpdate" WHERE "processId" = ? AND "seq" > ? ORDER BY "seq"'),
      moveSnapshot: connection.prepare('UPDATE "DocSnapshot" SET "state" = ?, "upToSeq" = ?, "updatedAt" = ? WHERE "processId" = ?'),
      createSnapshot: connection.prepare('INSERT INTO "DocSnapshot" ("processId", "state", "upToSeq", "updatedAt") VALUES (?, ?, ?, ?)'),
      dropRows: connection.prepare('DELETE FROM "DocUpdate" WHERE "processId" = ? AND "seq" <= ?'),
      emptyRow: connection.prepare('UPDATE "DocUpdate" SET "data" = ? WHERE "processId" = ? AND "seq" = ?'),
      clauses: connection.prepare<[string], StoredClause & { clauseId: string }>('SELECT "clauseId", "number", "position", "kind", "textHash", "text" FROM "Clause" WHERE "processId" = ?'),
      dropClause: connection.prepare('DELETE FROM "Clause" WHERE "processId" = ? AND "clauseId" = ?'),
      upsertClause: connection.prepare(
        'INSERT INTO "Clause" ("processId", "clauseId", "kind", "number", "position", "text", "textHash") VALUES (?, ?, ?, ?, ?, ?, ?) ' +
          'ON CONFLICT ("processId", "clauseId") DO UPDATE SET "kind" = excluded."kind", "number" = excluded."number", "position" = excluded."position", "text" = excluded."text", "textHash" = excluded."textHash"',
      ),
      member: connection.prepare<[string, string], { userId: string; role: string; groupId: string; userName: string; groupKey: string | null; groupName: string; groupColour: string; status: string }>(
        'SELECT m."userId", m."role", m."groupId", u."name" AS "userName", g."key" AS "groupKey", g."name" AS "groupName", g."colour" AS "groupColour", p."status" ' +
          'FROM "Membership" m JOIN "User" u ON u."id" = m."userId" JOIN "StakeholderGroup" g ON g."id" = m."groupId" JOIN "Process" p ON p."id" = m."processId" ' +
          'WHERE m."processId" = ? AND m."userId" = ?',
      ),
      // Lists as JSON arrays: one prepared statement whatever their length.
      memberships: connection.prepare<[string, string], { processId: string; userId: string; role: string; groupId: string }>(
        'SELECT "processId", "userId", "role", "groupId" FROM "Membership" WHERE "processId" IN (SELECT value FROM json_each(?)) AND "userId" IN (SELECT value FROM json_each(?))',
      ),
      signedOff: connection.prepare<[string], { id: string }>('SELECT "id" FROM "Process" WHERE "id" IN (SELECT value FROM json_each(?)) AND "status" = \'signed_off\''),
      upsertDraft: connection.prepare(
        'INSERT INTO "Draft" ("processId", "content", "updatedAt") VALUES (?, ?, ?) ON CONFLICT ("processId") DO UPDATE SET "content" = excluded."content", "updatedAt" = excluded."updatedAt"',
      ),
    };
    this.compactNow = connection.transaction((processId: string) => this.compactInTransaction(processId));
    // One read transaction: a compaction by another process on the same file cannot commit
    // between reading the snapshot and reading the log (readDocState re-checks instead).
    this.readStoredNow = connection.transaction((processId: string) => this.readStored(processId));
    this.writeDerivedNow = connection.transaction((processId: string, draft: DraftSnapshot, previous: Map<string, StoredClause> | null) =>
      this.writeDerivedInTransaction(processId, draft, previous),
    );
  }

  private readonly compactNow: (processId: string) => { folded: number; bytes: number };
  private readonly readStoredNow: (processId: string) => LoadedDoc | null;
  private readonly writeDerivedNow: (processId: string, draft: DraftSnapshot, previous: Map<string, StoredClause> | null) => DerivedWrite;

  /** Snapshot plus log straight from the connection; a document with no state yet goes through the ORM path, which converts it once. */
  override async load(processId: string): Promise<LoadedDoc | null> {
    return this.readStoredNow(processId) ?? super.load(processId);
  }

  /** Snapshot and log; null when the document has no state yet. */
  private readStored(processId: string): LoadedDoc | null {
    const snapshot = this.statements.snapshot.get(processId);
    const rows = this.statements.rowsAfter.all(processId, Number(snapshot?.upToSeq ?? 0));
    if (!snapshot && !rows.length) return null;
    return docStateFrom(snapshot?.state ?? null, rows.map((r) => r.data));
  }

  /** Admission's membership lookup as one prepared join. */
  override async findMember(processId: string, userId: string): Promise<MemberFacts | null> {
    const row = this.statements.member.get(processId, userId);
    if (!row) return null;
    return {
      userId: row.userId,
      role: row.role,
      groupId: row.groupId,
      user: { name: row.userName },
      group: { id: row.groupId, key: row.groupKey, name: row.groupName, colour: row.groupColour },
      process: { status: row.status },
    };
  }

  /** The membership watch's re-check every two seconds, without the ORM's per-query compilation. */
  override async currentMemberships(processIds: string[], userIds: string[]): Promise<MembershipSnapshot> {
    const ids = JSON.stringify(processIds);
    return {
      rows: this.statements.memberships.all(ids, JSON.stringify(userIds)),
      signedOff: new Set(this.statements.signedOff.all(ids).map((r) => r.id)),
    };
  }

  override async append(processId: string, update: Uint8Array): Promise<number> {
    return Number(this.insert.get(processId, processId, processId, update, now()));
  }

  override async discard(processId: string, seq: number): Promise<void> {
    this.statements.emptyRow.run(EMPTY_UPDATE, processId, seq);
  }

  override async compact(processId: string): Promise<{ folded: number; bytes: number }> {
    return this.compactNow(processId);
  }

  override async writeDerived(processId: string, draft: DraftSnapshot, previous: Map<string, StoredClause> | null): Promise<DerivedWrite> {
    return this.writeDerivedNow(processId, draft, previous);
  }

  private compactInTransaction(processId: string): { folded: number; bytes: number } {
    const snapshot = this.statements.snapshot.get(processId);
    const from = Number(snapshot?.upToSeq ?? 0);
    const rows = this.statements.rowsAfter.all(processId, from);
    if (!rows.length) return { folded: 0, bytes: snapshot?.state.byteLength ?? 0 };
    const state = foldState(snapshot?.state ?? null, rows.map((r) => r.data));
    const upToSeq = Number(rows[rows.length - 1].seq);
    if (snapshot) this.statements.moveSnapshot.run(state, upToSeq, now(), processId);
    else this.statements.createSnapshot.run(processId, state, upToSeq, now());
    this.statements.dropRows.run(processId, upToSeq);
    return { folded: rows.length, bytes: state.byteLength };
  }

  private writeDerivedInTransaction(processId: string, draft: DraftSnapshot, previous: Map<string, StoredClause> | null): DerivedWrite {
    const known =
      previous ??
      new Map(
        this.statements.clauses
          .all(processId)
          .map((r) => [r.clauseId, { number: r.number, position: Number(r.position), kind: r.kind, textHash: r.textHash, text: r.text }] as const),
      );
    const plan = planDerived(draft.blocks, known);
    for (const clauseId of plan.removed) this.statements.dropClause.run(processId, clauseId);
    for (const row of plan.changed) this.statements.upsertClause.run(processId, row.clauseId, row.kind, row.number, row.position, row.text, row.textHash);
    this.statements.upsertDraft.run(processId, draft.content, now());
    return { clauses: plan.next, wordingChanged: plan.wordingChanged };
  }
}
