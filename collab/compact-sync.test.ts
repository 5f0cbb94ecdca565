import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { acceptCompactSync } from "@/lib/collab/compact-sync";
import { MESSAGE_SYNC_STEP2_V2 } from "@/lib/collab/protocol";
import { pushWholeDraft, syncFormatOf, syncStep2V2, withPushed } from "./compact-sync";

const EMPTY = Y.encodeStateVector(new Y.Doc());
const ZIP = { v2: true, deflate: true, fresh: false };

function draft(words: number): Y.Doc {
  const doc = new Y.Doc();
  const text = doc.getText("t");
  for (let i = 0; i < words; i++) text.insert(text.length, `word${i % 97} `);
  return doc;
}

/** Just what the handler touches of a y-websocket provider. */
function fakeProvider() {
  const ws = {};
  const provider = { doc: new Y.Doc(), messageHandlers: [] as WebsocketProvider["messageHandlers"], synced: false, ws, wsconnected: true };
  acceptCompactSync(provider as unknown as WebsocketProvider);
  const receive = (message: Uint8Array) => {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    provider.messageHandlers[type](null as never, decoder, provider as unknown as WebsocketProvider, true, type);
  };
  return { provider, receive };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
}

describe("compact first sync", () => {
  it("reads the client's choice from the socket URL", () => {
    expect(syncFormatOf("/collab/p?token=t")).toEqual({ v2: false, deflate: false, fresh: false });
    expect(syncFormatOf("/collab/p?token=t&sync=v2")).toEqual({ v2: true, deflate: false, fresh: false });
    expect(syncFormatOf("/collab/p?token=t&sync=v2&zip=deflate")).toEqual(ZIP);
    expect(syncFormatOf("/collab/p?token=t&sync=v2&zip=deflate&fresh=1")).toEqual({ v2: true, deflate: true, fresh: true });
    expect(syncFormatOf("/collab/p?zip=deflate&fresh=1")).toEqual({ v2: false, deflate: false, fresh: false });
  });

  it("deflates a newcomer's whole draft, and the client ends up with the same text, synced", async () => {
    const doc = draft(5000);
    const message = syncStep2V2(doc, EMPTY, ZIP);
    expect(message[0]).toBe(MESSAGE_SYNC_STEP2_V2);
    expect(message[1]).toBe(1);
    expect(message.length).toBeLessThan(Y.encodeStateAsUpdateV2(doc).length / 2);
    const { provider, receive } = fakeProvider();
    receive(message);
    await until(() => provider.synced);
    expect(provider.synced).toBe(true);
    expect(provider.doc.getText("t").toString()).toBe(doc.getText("t").toString());
  });

  it("serves every newcomer the same bytes until the next edit, including a deletion", async () => {
    const doc = draft(3000);
    const first = syncStep2V2(doc, EMPTY, ZIP);
    expect(syncStep2V2(doc, EMPTY, ZIP)).toBe(first);
    doc.getText("t").delete(0, 5);
    const afterDelete = syncStep2V2(doc, EMPTY, ZIP);
    expect(afterDelete).not.toBe(first);
    const { provider, receive } = fakeProvider();
    receive(afterDelete);
    await until(() => provider.synced);
    expect(provider.doc.getText("t").toString()).toBe(doc.getText("t").toString());
  });

  it("pushes a fresh client the whole draft, then answers its step 1 with only what changed since, applied in order", async () => {
    const doc = draft(5000);
    const { message, covered } = pushWholeDraft(doc);
    doc.getText("t").insert(0, "meanwhile ");
    // The client asks with its (still empty) state vector before the push is applied.
    const answer = syncStep2V2(doc, withPushed(EMPTY, covered), ZIP);
    expect(answer[1]).toBe(0);
    expect(answer.length).toBeLessThan(200);
    const { provider, receive } = fakeProvider();
    receive(message);
    receive(answer);
    // The small answer must not mark the provider synced ahead of the whole draft.
    expect(provider.synced).toBe(false);
    await until(() => provider.synced);
    expect(provider.doc.getText("t").toString()).toBe(doc.getText("t").toString());
  });

  it("sends a returning client only what it lacks, as is when small, applied at once", () => {
    const doc = draft(3000);
    const { provider, receive } = fakeProvider();
    Y.applyUpdate(provider.doc, Y.encodeStateAsUpdate(doc));
    doc.getText("t").insert(0, "new ");
    const message = syncStep2V2(doc, Y.encodeStateVector(provider.doc), ZIP);
    expect(message[1]).toBe(0);
    expect(message.length).toBeLessThan(100);
    receive(message);
    expect(provider.synced).toBe(true);
    expect(provider.doc.getText("t").toString()).toBe(doc.getText("t").toString());
  });

  it("does not mark a provider synced for an answer that arrives after its socket was replaced", async () => {
    const doc = draft(5000);
    const { provider, receive } = fakeProvider();
    receive(syncStep2V2(doc, EMPTY, ZIP));
    provider.ws = {};
    await until(() => provider.doc.getText("t").length > 0);
    await new Promise((r) => setTimeout(r, 20));
    expect(provider.doc.getText("t").toString()).toBe(doc.getText("t").toString());
    expect(provider.synced).toBe(false);
  });
});
