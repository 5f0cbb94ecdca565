import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { addsNothing as addsNothingShaped } from "./redundant";
import { readUpdateShape } from "./update-shape";

const addsNothing = (doc: Y.Doc, update: Uint8Array) => addsNothingShaped(doc, readUpdateShape(update));

function pair(): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc();
  server.getText("t").insert(0, "hello world, this is a draft");
  server.getText("t").delete(5, 6);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

describe("addsNothing", () => {
  it("is true for a synced client's answer to sync step 1, which still carries its whole delete set", () => {
    const { server, client } = pair();
    const answer = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    expect(Y.decodeUpdate(answer).ds.clients.size).toBe(1);
    expect(addsNothing(server, answer)).toBe(true);
    expect(addsNothing(server, Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
  });

  it("is true for an edit the server already holds (a resend after a lost acknowledgement)", () => {
    const { server, client } = pair();
    let edit: Uint8Array | null = null;
    client.once("update", (u: Uint8Array) => (edit = u));
    client.getText("t").insert(0, "A ");
    Y.applyUpdate(server, edit!);
    expect(addsNothing(server, edit!)).toBe(true);
  });

  it("is false for a new insertion, and for a deletion of text the server still shows", () => {
    const { server, client } = pair();
    const updates: Uint8Array[] = [];
    client.on("update", (u: Uint8Array) => updates.push(u));
    client.getText("t").insert(3, "X");
    client.getText("t").delete(0, 2);
    expect(addsNothing(server, updates[0])).toBe(false);
    expect(addsNothing(server, updates[1])).toBe(false);
    // Half of a deleted range already deleted is not enough.
    Y.applyUpdate(server, updates[0]);
    server.getText("t").delete(0, 1);
    expect(addsNothing(server, updates[1])).toBe(false);
    Y.applyUpdate(server, updates[1]);
    expect(addsNothing(server, updates[1])).toBe(true);
  });

  it("is false for a deletion of structs the server does not have yet", () => {
    const { server, client } = pair();
    const updates: Uint8Array[] = [];
    client.on("update", (u: Uint8Array) => updates.push(u));
    client.getText("t").insert(0, "new");
    client.getText("t").delete(0, 3);
    expect(addsNothing(server, updates[1])).toBe(false);
  });
});
