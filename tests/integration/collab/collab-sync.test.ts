import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { clauseTextHash } from "@/lib/domain/clause-hash";
import { db } from "@/lib/server/db";
import type { Actor } from "@/lib/server/auth/actor";
import { DocStore } from "@/collab/persistence";
import { syncUpdateMessage } from "@/collab/room";
import { encodeQueryPersisted, MESSAGE_SYNC_STEP2_V2 } from "@/lib/collab/protocol";
import { connect, paragraphText, plainText, startCollab, storedDoc, synced, tokenFor, until, type Client, type Running, demoWorld } from "./harness";

let server: Running;
let processId: string;
let editorA: Actor;
let editorB: Actor;
const clients: Client[] = [];

function open(actor: Actor): Promise<Client> {
  return tokenFor(actor, processId).then((token) => {
    const client = connect(server.url, processId, token);
    clients.push(client);
    return client;
  });
}

beforeAll(async () => {
  server = await startCollab();
});
afterAll(async () => {
  await server.stop();
});

beforeEach(async () => {
  ({ processId, editorGov: editorA, editorIndustry: editorB } = await demoWorld());
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

describe("collaboration: sync and persistence", () => {
  it("loads the seeded draft once and two editors converge", async () => {
    const a = await open(editorA);
    const b = await open(editorB);
    await Promise.all([synced(a), synced(b)]);
    expect(plainText(a)).toContain("This strategy sets out how our country");
    expect(plainText(a)).toBe(plainText(b));
    // Seeded exactly once: the first clause appears one time.
    expect(plainText(a).split("This strategy sets out how our country").length).toBe(2);

    paragraphText(a, 0).insert(0, "[A] ");
    await until(() => plainText(b).includes("[A] This strategy"), "B sees A's edit");
    paragraphText(b, 1).insert(0, "[B] ");
    await until(() => plainText(a).includes("[B] Our engagement"), "A sees B's edit");
    expect(plainText(a)).toBe(plainText(b));
    expect(plainText(await storedDoc(processId))).toBe(plainText(a));
  });

  it("pushes a fresh client the whole draft as one deflated Yjs v2 update on connection, and it then edits like any other", async () => {
    const plain = await open(editorB);
    await synced(plain);
    // Long enough to be deflated (small answers are sent as they are).
    const long = Array.from({ length: 400 }, (_, i) => `Paragraph text number ${i} about digital public infrastructure.`).join(" ");
    paragraphText(plain, 2).insert(0, long);
    await until(async () => plainText(await storedDoc(processId)).includes("number 399"), "the long edit is stored");

    const compact = connect(server.url, processId, await tokenFor(editorA, processId), { connect: false, compactSync: true });
    clients.push(compact);
    const flags: number[] = [];
    const accept = compact.provider.messageHandlers[MESSAGE_SYNC_STEP2_V2];
    compact.provider.messageHandlers[MESSAGE_SYNC_STEP2_V2] = (encoder, decoder, ...rest) => {
      flags.push(decoder.arr[decoder.pos]);
      accept(encoder, decoder, ...rest);
    };
    compact.provider.connect();
    await synced(compact);
    // The whole draft, deflated, pushed on connection; then the answer to its step 1: nothing more.
    expect(flags).toEqual([1, 0]);
    expect(plainText(compact)).toBe(plainText(plain));

    paragraphText(compact, 0).insert(0, "[v2] ");
    await until(() => plainText(plain).includes("[v2] This strategy"), "the v1 client sees the v2 client's edit");
    await until(async () => plainText(await storedDoc(processId)) === plainText(compact), "the edit is stored");
  });

  it("converges when two editors type into the same clause at the same time", async () => {
    const a = await open(editorA);
    const b = await open(editorB);
    await Promise.all([synced(a), synced(b)]);
    const count = (text: string, ch: string) => text.split(ch).length - 1;
    const original = paragraphText(a, 2).toString();
    for (let i = 0; i < 40; i++) {
      paragraphText(a, 2).insert(i % 7, "a");
      paragraphText(b, 2).insert((i * 3) % 11, "b");
      if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await until(() => plainText(a) === plainText(b) && paragraphText(b, 2).length === original.length + 80, "replicas converge");
    const text = paragraphText(a, 2).toString();
    // Every keystroke from both sides is there exactly once.
    expect(count(text, "a")).toBe(count(original, "a") + 40);
    expect(count(text, "b")).toBe(count(original, "b") + 40);
    await server.collab.room(processId)!.settle();
    expect(plainText(await storedDoc(processId))).toBe(plainText(a));
  });

  it("acknowledges an edit only once it is stored, and answers queries about stored clocks", async () => {
    const a = await open(editorA);
    await synced(a);
    const before = await db.docUpdate.count({ where: { processId } });
    paragraphText(a, 0).insert(0, "Saved? ");
    const clock = Y.getState(a.doc.store, a.doc.clientID);
    await until(() => (a.persisted.get(a.doc.clientID) ?? 0) >= clock, "acknowledgement");
    expect(await db.docUpdate.count({ where: { processId } })).toBe(before + 1);
    // Later edits (whose items do not start at clock 0) are acknowledged too.
    paragraphText(a, 0).insert(0, "Again. ");
    const later = Y.getState(a.doc.store, a.doc.clientID);
    await until(() => (a.persisted.get(a.doc.clientID) ?? 0) === later, "acknowledgement of a later edit");

    // A reloaded page asks how far its (old) client id got.
    a.persisted.clear();
    a.provider.ws!.send(encodeQueryPersisted([a.doc.clientID, 424242]));
    await until(() => a.persisted.get(a.doc.clientID) === later, "query answered");
    expect(a.persisted.get(424242)).toBe(0);
  });

  it("stores nothing for a client that reconnects in sync, and acknowledges a resent edit without storing it twice", async () => {
    const a = await open(editorA);
    await synced(a);
    paragraphText(a, 0).insert(0, "Gone soon. ");
    paragraphText(a, 0).delete(0, 11);
    const clock = Y.getState(a.doc.store, a.doc.clientID);
    await until(() => (a.persisted.get(a.doc.clientID) ?? 0) >= clock, "edits stored");
    await server.collab.room(processId)!.settle();
    const before = await db.docUpdate.count({ where: { processId } });
    // Its answer to sync step 1 carries its whole delete set, all of it already stored.
    a.provider.disconnect();
    await until(() => !a.provider.wsconnected && !a.provider.synced, "disconnected");
    a.provider.connect();
    await synced(a);
    const b = await open(editorB);
    await synced(b);
    a.persisted.clear();
    a.provider.ws!.send(syncUpdateMessage(Y.encodeStateAsUpdate(a.doc)));
    await until(() => a.persisted.get(a.doc.clientID) === clock, "resend acknowledged");
    await server.collab.room(processId)!.settle();
    expect(await db.docUpdate.count({ where: { processId } })).toBe(before);
    expect(plainText(b)).toBe(plainText(a));
  });

  it("derives the clause table and the server-rendered draft from the live text", async () => {
    const a = await open(editorA);
    await synced(a);
    const first = await db.clause.findFirstOrThrow({ where: { processId, number: "1.1" } });
    paragraphText(a, 0).insert(0, "Amended: ");
    await until(async () => (await db.clause.findFirstOrThrow({ where: { processId, clauseId: first.clauseId } })).text.startsWith("Amended: "), "clause re-derived");
    const row = await db.clause.findFirstOrThrow({ where: { processId, clauseId: first.clauseId } });
    expect(row.textHash).toBe(clauseTextHash(row.text));
    expect(row.textHash).not.toBe(first.textHash);
    // Other clauses are untouched.
    const second = await db.clause.findFirstOrThrow({ where: { processId, number: "1.2" } });
    expect(second.textHash).toBe(clauseTextHash(second.text));
    const draft = await db.draft.findUniqueOrThrow({ where: { processId } });
    expect(draft.content).toContain("Amended: This strategy");
  });

  it("renumbers clauses when a paragraph is inserted, keeping ids", async () => {
    const a = await open(editorA);
    await synced(a);
    const old12 = await db.clause.findFirstOrThrow({ where: { processId, number: "1.2" } });
    // A new clause after 1.1, with its own id (as the editor assigns).
    const p = new Y.XmlElement("paragraph");
    p.setAttribute("clauseId", "cnewclause01");
    p.insert(0, [new Y.XmlText("A new clause inserted in section one.")]);
    a.fragment.insert(2, [p]);
    await until(async () => (await db.clause.findFirst({ where: { processId, clauseId: "cnewclause01" } }))?.number === "1.2", "new clause numbered");
    expect((await db.clause.findFirstOrThrow({ where: { processId, clauseId: old12.clauseId } })).number).toBe("1.3");
  });

  it("folds the update log into the snapshot without losing anything", async () => {
    const a = await open(editorA);
    await synced(a);
    for (let i = 0; i < 30; i++) {
      paragraphText(a, 0).insert(0, String(i % 10));
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const room = server.collab.room(processId)!;
    await room.settle();
    const expected = plainText(a);
    await room.compact();
    expect(await db.docUpdate.count({ where: { processId } })).toBe(0);
    expect(plainText(await storedDoc(processId))).toBe(expected);
  });

  it("unloads an idle document and reloads it from the database without duplicating text", async () => {
    let a = await open(editorA);
    await synced(a);
    paragraphText(a, 0).insert(0, "Persisted. ");
    await until(() => (a.persisted.get(a.doc.clientID) ?? 0) > 0, "stored");
    a.destroy();
    clients.splice(clients.indexOf(a), 1);
    await until(() => server.collab.room(processId) === undefined, "room unloaded");
    a = await open(editorB);
    await synced(a);
    expect(plainText(a).split("Persisted. ").length).toBe(2);
    expect(plainText(a).split("This strategy sets out how our country").length).toBe(2);
  });

  it("converts a stored draft that has no Yjs state yet exactly once, even when loaded twice at once", async () => {
    await db.docUpdate.deleteMany({ where: { processId } });
    await db.docSnapshot.delete({ where: { processId } });
    const [a, b] = await Promise.all([open(editorA), open(editorB)]);
    await Promise.all([synced(a), synced(b)]);
    expect(await db.docSnapshot.count({ where: { processId } })).toBe(1);
    expect(plainText(a).split("This strategy sets out how our country").length).toBe(2);

    // Two instances racing on a document with no state: one conversion wins, both load it.
    await db.docSnapshot.delete({ where: { processId } });
    const [first, second] = await Promise.all([new DocStore(db).load(processId), new DocStore(db).load(processId)]);
    expect(first!.updates).toHaveLength(1);
    expect(Buffer.from(second!.updates[0]).equals(Buffer.from(first!.updates[0]))).toBe(true);
  });
});
