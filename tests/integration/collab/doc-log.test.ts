import { afterAll, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { openDocStore } from "@/collab/doc-store";
import { EMPTY_UPDATE } from "@/collab/persistence";
import { applyStoredUpdates, readDocState, readDocStateKey } from "@/lib/db/doc-state";
import { createDb, type Db } from "@/lib/db/client";
import { databaseUrl } from "@/lib/db/config";
import { db } from "@/lib/server/db";
import { demoWorld } from "./harness";

// A second client with connections of its own, as a second collaboration-server instance has.
const other: Db = createDb(databaseUrl());
afterAll(() => other.$disconnect());

let processId: string;
beforeEach(async () => {
  ({ processId } = await demoWorld());
});

/** n one-character edits, each one update, from one editor on top of the stored state. */
async function edits(n: number): Promise<Uint8Array[]> {
  const doc = new Y.Doc();
  const store = await openDocStore(db);
  applyStoredUpdates(doc, (await store.load(processId))!.updates);
  const text = doc.getText("log-test");
  const out: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => out.push(update));
  for (let i = 0; i < n; i++) text.insert(i, String.fromCharCode(97 + (i % 26)));
  return out;
}

async function loadedText(): Promise<string> {
  const doc = new Y.Doc();
  applyStoredUpdates(doc, (await (await openDocStore(db)).load(processId))!.updates);
  return doc.getText("log-test").toString();
}

describe("the update log", () => {
  it("numbers a document's rows in the order they were stored, also when two instances append at once", async () => {
    const [a, b] = await Promise.all([openDocStore(db), openDocStore(other)]);
    const updates = await edits(40);
    // Interleaved: each instance appends every other edit, all in flight together.
    const seqs = await Promise.all(updates.map((u, i) => (i % 2 ? b : a).append(processId, u)));
    expect(new Set(seqs).size).toBe(40);
    const rows = await db.docUpdate.findMany({ where: { processId }, orderBy: { seq: "asc" }, select: { seq: true } });
    expect(rows.map((r) => r.seq)).toEqual([...seqs].sort((x, y) => x - y));
    expect(await loadedText()).toBe("abcdefghijklmnopqrstuvwxyzabcdefghijklmn");
  });

  it("loads every update when two instances append and compact at once", async () => {
    const [a, b] = await Promise.all([openDocStore(db), openDocStore(other)]);
    const updates = await edits(60);
    // Each instance appends its half in order, as a room's flushes do, and compacts after
    // every tenth row, as rooms do after so many rows; both run at the same time.
    const run = async (store: typeof a, mine: Uint8Array[]) => {
      for (let i = 0; i < mine.length; i++) {
        await store.append(processId, mine[i]);
        if (i % 10 === 9) await store.compact(processId);
      }
    };
    await Promise.all([run(a, updates.filter((_, i) => i % 2 === 0)), run(b, updates.filter((_, i) => i % 2 === 1))]);
    const upToSeq = (await db.docSnapshot.findUniqueOrThrow({ where: { processId } })).upToSeq;
    const left = await db.docUpdate.findMany({ where: { processId }, select: { seq: true } });
    expect(left.every((row) => row.seq > upToSeq)).toBe(true);
    // Edits that arrive before the one they build on wait in Yjs: the text is whole only if none was lost.
    expect(await loadedText()).toBe("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefgh");
  });

  it("goes on past the snapshot once compaction has folded and deleted every row", async () => {
    const store = await openDocStore(db);
    const [first, second] = await edits(2);
    const before = await store.append(processId, first);
    const { folded } = await store.compact(processId);
    expect(folded).toBeGreaterThanOrEqual(1);
    expect(await db.docUpdate.count({ where: { processId } })).toBe(0);
    const upToSeq = (await db.docSnapshot.findUniqueOrThrow({ where: { processId } })).upToSeq;
    expect(upToSeq).toBe(before);

    const after = await store.append(processId, second);
    expect(after).toBe(upToSeq + 1);
    expect(await loadedText()).toBe("ab");
  });

  it("takes a row back as an empty update, so its seq is never given to another row", async () => {
    const store = await openDocStore(db);
    const [first, second] = await edits(2);
    const taken = await store.append(processId, first);
    await store.discard(processId, taken);
    const row = await db.docUpdate.findUniqueOrThrow({ where: { processId_seq: { processId, seq: taken } } });
    expect([...row.data]).toEqual([...EMPTY_UPDATE]);
    expect(await loadedText()).toBe("");

    expect(await store.append(processId, second)).toBe(taken + 1);
    // The second edit builds on the first, which is gone: Yjs holds it back, and nothing throws.
    expect(await loadedText()).toBe("");
  });

  it("reads a whole state when a compaction commits between reading the snapshot and reading the log", async () => {
    const store = await openDocStore(db);
    const compactor = await openDocStore(other);
    for (const update of await edits(5)) await store.append(processId, update);
    let compacted = false;
    // The compaction commits right after readDocState has read the snapshot, before it reads the log.
    const racing = new Proxy(db, {
      get(target, prop) {
        if (prop !== "docSnapshot") return Reflect.get(target, prop, target);
        return {
          findUnique: async (args: Parameters<Db["docSnapshot"]["findUnique"]>[0]) => {
            const row = await target.docSnapshot.findUnique(args);
            if (!compacted) {
              compacted = true;
              expect((await compactor.compact(processId)).folded).toBe(5);
            }
            return row;
          },
        };
      },
    }) as Db;
    const state = (await readDocState(racing, processId))!;
    expect(compacted).toBe(true);
    const doc = new Y.Doc();
    applyStoredUpdates(doc, state.updates);
    expect(doc.getText("log-test").toString()).toBe("abcde");
    expect(state.rowsSinceSnapshot).toBe(0);
  });

  it("names the stored state by its key without reading it, the same as reading it does", async () => {
    const store = await openDocStore(db);
    const keyOf = async () => {
      const state = await readDocState(db, processId);
      return state && { lastSeq: state.lastSeq, bytes: state.bytes };
    };
    const check = async () => expect(await readDocStateKey(db, processId)).toEqual(await keyOf());
    const [first, second, third] = await edits(3);
    await check(); // the demo draft: a snapshot, no rows yet
    const taken = await store.append(processId, first);
    await store.append(processId, second);
    await check(); // snapshot and rows
    await store.discard(processId, taken);
    await check(); // a row taken back is counted empty
    await store.compact(processId);
    await check(); // every row folded: the snapshot alone
    await store.append(processId, third);
    await check();
    expect(await readDocStateKey(db, "no-such-process")).toBeNull();
  });
});
