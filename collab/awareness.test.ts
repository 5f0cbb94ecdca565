import * as encoding from "lib0/encoding";
import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import type { PresenceIdentity } from "@/lib/collab/identity";
import { AwarenessError, AwarenessRegistry, type AwarenessOwner } from "./awareness";

function identity(name: string): PresenceIdentity {
  return { userId: name.toLowerCase(), name, color: "#123456", role: "editor", group: { id: "g", key: "government", name: "Government", colour: "#1d4ed8" } };
}

let nextId = 1;
function owner(name: string): AwarenessOwner {
  return { id: nextId++, identity: identity(name), clientIds: new Set() };
}

function update(entries: Array<[number, number, unknown]>): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const [client, clock, state] of entries) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
    encoding.writeVarString(e, JSON.stringify(state));
  }
  return encoding.toUint8Array(e);
}

function decode(body: Uint8Array | null): Map<number, { clock: number; state: Record<string, unknown> | null }> {
  const out = new Map<number, { clock: number; state: Record<string, unknown> | null }>();
  if (!body) return out;
  const d = decoding.createDecoder(body);
  const n = decoding.readVarUint(d);
  for (let i = 0; i < n; i++) {
    const client = decoding.readVarUint(d);
    const clock = decoding.readVarUint(d);
    out.set(client, { clock, state: JSON.parse(decoding.readVarString(d)) });
  }
  return out;
}

describe("AwarenessRegistry", () => {
  it("stamps the connection's identity over whatever the client claims", () => {
    const registry = new AwarenessRegistry(8192);
    const amina = owner("Amina");
    registry.applyFromClient(amina, update([[10, 1, { user: { name: "Mallory", role: "convenor" }, cursor: 5 }]]), 0);
    const sent = decode(registry.takeDirty());
    expect(sent.get(10)?.state).toEqual({ user: amina.identity, cursor: 5 });
  });

  it("lets a connection speak for one client id only, and never for another connection's", () => {
    const registry = new AwarenessRegistry(8192);
    const amina = owner("Amina");
    const mallory = owner("Mallory");
    registry.applyFromClient(amina, update([[10, 1, { cursor: 1 }]]), 0);
    registry.takeDirty();
    expect(registry.applyFromClient(mallory, update([[10, 9, { cursor: 99 }], [11, 1, { cursor: 2 }], [12, 1, { cursor: 3 }]]), 0)).toBe(1);
    const sent = decode(registry.takeDirty());
    expect([...sent.keys()]).toEqual([11]);
    // Nor remove another's state.
    registry.applyFromClient(mallory, update([[10, 10, null]]), 0);
    expect(registry.takeDirty()).toBeNull();
    expect(decode(registry.encodeAll()).get(10)?.state).toMatchObject({ cursor: 1 });
  });

  it("announces a departed connection's states as removed, with a higher clock", () => {
    const registry = new AwarenessRegistry(8192);
    const amina = owner("Amina");
    registry.applyFromClient(amina, update([[10, 4, { cursor: 1 }]]), 0);
    registry.takeDirty();
    registry.removeOwnedBy(amina);
    expect(decode(registry.takeDirty()).get(10)).toEqual({ clock: 5, state: null });
    expect(registry.encodeAll()).toBeNull();
  });

  it("ignores stale clocks and rejects malformed or oversized states", () => {
    const registry = new AwarenessRegistry(64);
    const amina = owner("Amina");
    registry.applyFromClient(amina, update([[10, 5, { cursor: 1 }]]), 0);
    registry.takeDirty();
    expect(registry.applyFromClient(amina, update([[10, 3, { cursor: 2 }]]), 0)).toBe(0);
    expect(() => registry.applyFromClient(amina, update([[10, 6, { big: "x".repeat(100) }]]), 0)).toThrow(AwarenessError);
    expect(() => registry.applyFromClient(amina, update([[10, 7, [1, 2]]]), 0)).toThrow(AwarenessError);
    expect(() => registry.applyFromClient(amina, new Uint8Array([1, 10, 8, 3, 0x7b, 0x7b, 0x7b]), 0)).toThrow(AwarenessError);
  });

  it("lets nobody but its own person take over or remove a state relayed from another instance", () => {
    const registry = new AwarenessRegistry(8192);
    registry.applyRemote(update([[20, 2, { cursor: 1, user: identity("Remote") }]]), 0);
    registry.takeDirty();
    const mallory = owner("Mallory");
    expect(registry.applyFromClient(mallory, update([[20, 3, null]]), 0)).toBe(0);
    expect(registry.applyFromClient(mallory, update([[20, 4, { cursor: 9 }]]), 0)).toBe(0);
    expect(registry.takeDirty()).toBeNull();
    // The same person, now connected here, carries on with their client id.
    expect(registry.applyFromClient(owner("Remote"), update([[20, 5, { cursor: 2 }]]), 0)).toBe(1);
    expect(decode(registry.takeDirty()).get(20)?.state).toMatchObject({ cursor: 2, user: { userId: "remote" } });
  });

  it("expires states relayed from other instances that are not renewed", () => {
    const registry = new AwarenessRegistry(8192);
    registry.applyRemote(update([[20, 2, { user: { name: "Remote" } }]]), 0);
    registry.expireRemote(10_000);
    expect(registry.takeDirty()).toBeNull();
    registry.expireRemote(40_000);
    expect(decode(registry.takeDirty()).get(20)).toEqual({ clock: 3, state: null });
  });
});
