import * as encoding from "lib0/encoding";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { CLOSE, MESSAGE_AWARENESS, MESSAGE_SYNC } from "@/lib/collab/protocol";
import { signCollabToken } from "@/lib/collab/token";
import type { Actor } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db";
import { connect, KEY, paragraphText, plainText, rawSocket, startCollab, synced, tokenFor, until, type Client, type Running, demoWorld } from "./harness";
import { syncUpdateMessage } from "@/collab/room";

let server: Running;
let processId: string;
const people: Record<string, Actor> = {};
const clients: Client[] = [];

async function open(who: string): Promise<Client> {
  const client = connect(server.url, processId, await tokenFor(people[who], processId));
  clients.push(client);
  return client;
}

/** A real Yjs update that inserts text at the start of the first paragraph of `base`. */
function forgedInsert(base: Y.Doc, text: string): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
  const before = Y.encodeStateVector(doc);
  const first = doc.getXmlFragment("default").toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === "paragraph") as Y.XmlElement;
  (first.get(0) as Y.XmlText).insert(0, text);
  return Y.encodeStateAsUpdate(doc, before);
}

beforeAll(async () => {
  server = await startCollab({ limits: { maxFrameBytes: 64 * 1024, messagesPerSecond: 50, messageBurst: 100 } });
});
afterAll(async () => {
  await server.stop();
});
beforeEach(async () => {
  const world = await demoWorld();
  processId = world.processId;
  Object.assign(people, { convenor: world.convenor, editor: world.editorGov, commenter: world.commenter, observer: world.observer });
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

describe("collaboration: who may connect", () => {
  it("refuses an expired token (4401), a forged one (4401), a token for another document (4401) and a non-member (4403)", async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await tokenFor(people.editor, processId, "editor", now - 3600);
    const [body] = (await tokenFor(people.editor, processId)).split(".");
    const forged = `${body}.${"A".repeat(43)}`;
    const otherDoc = signCollabToken({ doc: "another-process", uid: people.editor.id, role: "editor", gid: "g", name: "x" }, KEY, now);
    const outsider = await db.user.create({ data: { name: "Outsider", email: "outsider@example.org", passwordHash: "x" } });
    const nonMember = signCollabToken({ doc: processId, uid: outsider.id, role: "convenor", gid: "g", name: "Outsider" }, KEY, now);
    const results = await Promise.all([expired, forged, otherDoc, nonMember].map((t) => rawSocket(server.url, processId, t).closed));
    expect(results.map((r) => r.code)).toEqual([CLOSE.badToken, CLOSE.badToken, CLOSE.badToken, CLOSE.notMember]);
    expect(results[0].reason).toMatch(/expired/);
    expect((await rawSocket(server.url, processId, "").closed).code).toBe(CLOSE.badToken);
  });

  it("refuses a browser handshake from another site (4406)", async () => {
    const token = await tokenFor(people.editor, processId);
    const { closed } = rawSocket(server.url, processId, token, { origin: "https://evil.example" });
    expect((await closed).code).toBe(CLOSE.badOrigin);
    const same = rawSocket(server.url, processId, token, { origin: `http://127.0.0.1:${server.port}` });
    await same.opened;
    same.ws.close();
  });

  it("disconnects a removed member within seconds (4403) and asks a re-roled one to reconnect (4409)", async () => {
    const editor = await open("editor");
    const commenter = await open("commenter");
    await Promise.all([synced(editor), synced(commenter)]);
    await db.membership.deleteMany({ where: { processId, userId: people.editor.id } });
    await db.membership.updateMany({ where: { processId, userId: people.commenter.id }, data: { role: "editor" } });
    await until(() => editor.closes.includes(CLOSE.notMember), "removed member disconnected", 5000);
    await until(() => commenter.closes.includes(CLOSE.membershipChanged), "re-roled member asked to reconnect", 5000);
  });
});

describe("collaboration: read-only roles are read-only at the server", () => {
  it.each(["observer", "commenter"])("drops a %s's raw update frames: never stored, never relayed", async (who) => {
    const editor = await open("editor");
    await synced(editor);
    const storedBefore = await db.docUpdate.count({ where: { processId } });
    const textBefore = plainText(editor);
    const raw = rawSocket(server.url, processId, await tokenFor(people[who], processId));
    await raw.opened;
    const update = forgedInsert(editor.doc, `INJECTED BY ${who}`);
    raw.ws.send(syncUpdateMessage(update));
    // As sync step 2 as well, the other way updates travel.
    const step2 = encoding.createEncoder();
    encoding.writeVarUint(step2, MESSAGE_SYNC);
    syncProtocol.writeSyncStep2(step2, (() => {
      const d = new Y.Doc();
      Y.applyUpdate(d, update);
      return d;
    })());
    raw.ws.send(encoding.toUint8Array(step2));
    // A marker edit by the editor proves the server processed everything sent before it.
    paragraphText(editor, 1).insert(0, "marker ");
    await until(async () => (await db.docUpdate.count({ where: { processId } })) === storedBefore + 1, "marker stored");
    await server.collab.room(processId)!.settle();
    expect(await db.docUpdate.count({ where: { processId } })).toBe(storedBefore + 1);
    expect(plainText(editor)).not.toContain("INJECTED");
    expect(plainText(editor)).toBe(textBefore.replace("Our engagement", "marker Our engagement"));
    expect(server.collab.room(processId)!.connections.size).toBe(2);
    raw.ws.close();
  });
});

describe("collaboration: identity in presence cannot be forged", () => {
  it("overwrites the identity a client claims and ignores edits to other clients' presence", async () => {
    const editor = await open("editor");
    const watcher = await open("commenter");
    await Promise.all([synced(editor), synced(watcher)]);
    watcher.provider.awareness.setLocalStateField("user", { name: "whoever I say" });
    editor.provider.awareness.setLocalStateField("user", { name: "Mallory", group: { name: "Government" }, role: "convenor" });
    editor.provider.awareness.setLocalStateField("cursor", { anchor: 1 });
    await until(() => {
      const state = watcher.provider.awareness.getStates().get(editor.doc.clientID);
      return !!state?.cursor;
    }, "watcher sees editor's presence");
    const seen = watcher.provider.awareness.getStates().get(editor.doc.clientID) as { user: { name: string; role: string; group: { key: string } } };
    expect(seen.user.name).toBe("Kwame Mensah");
    expect(seen.user.role).toBe("editor");
    expect(seen.user.group.key).toBe("government");

    // A raw client tries to speak for the watcher: change its state, then remove it.
    const raw = rawSocket(server.url, processId, await tokenFor(people.observer, processId));
    await raw.opened;
    const fake = new awarenessProtocol.Awareness(new Y.Doc());
    fake.clientID = watcher.doc.clientID;
    fake.setLocalState({ user: { name: "Hijacked" } });
    const meta = fake.meta.get(fake.clientID)!;
    meta.clock = 999;
    const hijack = encoding.createEncoder();
    encoding.writeVarUint(hijack, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(hijack, awarenessProtocol.encodeAwarenessUpdate(fake, [fake.clientID]));
    raw.ws.send(encoding.toUint8Array(hijack));
    awarenessProtocol.removeAwarenessStates(fake, [fake.clientID], null);
    const removal = encoding.createEncoder();
    encoding.writeVarUint(removal, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(removal, awarenessProtocol.encodeAwarenessUpdate(fake, [fake.clientID]));
    raw.ws.send(encoding.toUint8Array(removal));
    editor.provider.awareness.setLocalStateField("cursor", { anchor: 2 });
    await until(() => (editor.provider.awareness.getStates().get(editor.doc.clientID) as { cursor?: { anchor: number } }).cursor?.anchor === 2 &&
      (watcher.provider.awareness.getStates().get(editor.doc.clientID) as { cursor?: { anchor: number } } | undefined)?.cursor?.anchor === 2, "later update seen");
    const watcherAsSeenByEditor = editor.provider.awareness.getStates().get(watcher.doc.clientID) as { user: { name: string } } | undefined;
    expect(watcherAsSeenByEditor?.user.name).toBe("Priya Natarajan");
    raw.ws.close();
    fake.destroy();
  });
});

describe("collaboration: limits and malformed input", () => {
  it("survives 200 random malformed frames, closing only the offending sockets", async () => {
    const editor = await open("editor");
    await synced(editor);
    const token = await tokenFor(people.editor, processId);
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const codes: number[] = [];
    for (let round = 0; round < 20; round++) {
      const sockets = await Promise.all(
        Array.from({ length: 10 }, async () => {
          const raw = rawSocket(server.url, processId, token);
          await raw.opened;
          const length = 1 + Math.floor(random() * 64);
          const frame = Buffer.alloc(length);
          for (let i = 0; i < length; i++) frame[i] = Math.floor(random() * 256);
          // Mostly garbage; sometimes a valid message type with a garbage body.
          if (random() < 0.5) frame[0] = Math.floor(random() * 4);
          raw.ws.send(frame);
          return raw;
        }),
      );
      for (const raw of sockets) {
        const outcome = await Promise.race([raw.closed, new Promise<null>((resolve) => setTimeout(() => resolve(null), 300))]);
        codes.push(outcome?.code ?? 0);
        raw.ws.terminate();
      }
    }
    expect(codes).toHaveLength(200);
    // Every socket either got a clear close code or (for the rare frame that happens to be valid) stayed open.
    for (const code of codes) expect([0, CLOSE.malformed, CLOSE.rateLimited]).toContain(code);
    expect(codes.filter((c) => c === CLOSE.malformed).length).toBeGreaterThan(150);
    // The server and the existing session are fine.
    paragraphText(editor, 0).insert(0, "still alive ");
    const second = await open("convenor");
    await synced(second);
    await until(() => plainText(second).includes("still alive"), "new client sees the edit");
  });

  it("refuses an update whose delete set is cut short (4400) before storing it: the draft still loads", async () => {
    const editor = await open("editor");
    await synced(editor);
    const scratch = new Y.Doc();
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(editor.doc));
    let insert: Uint8Array | null = null;
    scratch.on("update", (u: Uint8Array) => (insert = u));
    const first = scratch.getXmlFragment("default").toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === "paragraph") as Y.XmlElement;
    (first.get(0) as Y.XmlText).insert(0, "never stored ");
    const whole = insert! as Uint8Array;
    expect(whole[whole.length - 1]).toBe(0); // an insert deletes nothing: the delete set is one 0
    // Its structs are whole; its delete set announces three clients and stops.
    const cut = Uint8Array.from([...whole.subarray(0, whole.length - 1), 3]);
    expect(() => Y.parseUpdateMeta(cut)).not.toThrow(); // what the server used to check
    const rowsBefore = await db.docUpdate.count({ where: { processId } });
    const raw = rawSocket(server.url, processId, await tokenFor(people.editor, processId));
    await raw.opened;
    const frame = encoding.createEncoder();
    encoding.writeVarUint(frame, MESSAGE_SYNC);
    syncProtocol.writeUpdate(frame, cut);
    raw.ws.send(encoding.toUint8Array(frame));
    expect((await raw.closed).code).toBe(CLOSE.malformed);
    expect(await db.docUpdate.count({ where: { processId } })).toBe(rowsBefore);
    // Nobody saw it, the server is up, and a fresh instance loads the stored draft.
    paragraphText(editor, 0).insert(0, "still fine ");
    await until(async () => (await db.docUpdate.count({ where: { processId } })) > rowsBefore, "the next edit is stored");
    const fresh = await startCollab();
    try {
      const reader = connect(fresh.url, processId, await tokenFor(people.convenor, processId));
      clients.push(reader);
      await synced(reader);
      await until(() => plainText(reader).includes("still fine"), "the stored draft loads");
      expect(plainText(reader)).not.toContain("never stored");
    } finally {
      await fresh.stop();
    }
  });

  it("closes a socket that floods messages (4429) and one that sends an oversized frame (1009)", async () => {
    const token = await tokenFor(people.editor, processId);
    const flood = rawSocket(server.url, processId, token);
    await flood.opened;
    const query = new Uint8Array([3]);
    for (let i = 0; i < 400; i++) flood.ws.send(query);
    expect((await flood.closed).code).toBe(CLOSE.rateLimited);

    const big = rawSocket(server.url, processId, token);
    await big.opened;
    big.ws.send(Buffer.alloc(128 * 1024, 1));
    expect((await big.closed).code).toBe(1009);
  });

  it("refuses updates that would grow the document past its size limit (4413)", async () => {
    const small = await startCollab({ limits: { maxDocBytes: 40_000 } });
    try {
      const client = connect(small.url, processId, await tokenFor(people.editor, processId));
      clients.push(client);
      await synced(client);
      paragraphText(client, 0).insert(0, "x".repeat(30_000));
      await until(() => client.closes.includes(CLOSE.tooLarge), "size limit enforced");
    } finally {
      await small.stop();
    }
  });
});
