import * as decoding from "lib0/decoding";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as awarenessProtocol from "y-protocols/awareness";
import * as Y from "yjs";
import { CLOSE, MESSAGE_AWARENESS, MESSAGE_SYNC } from "@/lib/collab/protocol";
import type { Connection } from "./connection";
import { DEFAULT_LIMITS } from "./limits";
import type { DocStore } from "./persistence";
import { Room } from "./room";

/** What one socket was sent, write by write (a `sendAll` is one write). */
class FakeConnection {
  readonly clientIds = new Set<number>();
  readonly writes: Uint8Array[][] = [];
  canEdit = true;
  closedWith: number | null = null;
  constructor(
    readonly id: number,
    readonly identity = { userId: `u${id}`, name: `User ${id}`, color: "#000", role: "drafter", group: { id: "g", key: null, name: "G", colour: "#000" } },
  ) {}
  send(message: Uint8Array): void {
    this.writes.push([message]);
  }
  sendAll(messages: Uint8Array[]): void {
    if (messages.length) this.writes.push(messages);
  }
  close(code: number): void {
    this.closedWith ??= code;
  }
  /** Kinds of message per write: "sync", "presence", or the persisted acknowledgement's type number. */
  kinds(): string[][] {
    return this.writes.map((write) => write.map((m) => ({ [MESSAGE_SYNC]: "sync", [MESSAGE_AWARENESS]: "presence" })[m[0]] ?? String(m[0])));
  }
  /** The cursor anchors in the presence messages this socket received, in order. */
  anchors(clientId: number): number[] {
    const out: number[] = [];
    for (const message of this.writes.flat()) {
      if (message[0] !== MESSAGE_AWARENESS) continue;
      const body = decoding.readVarUint8Array(decoding.createDecoder(message.subarray(1)));
      const decoder = decoding.createDecoder(body);
      for (let n = decoding.readVarUint(decoder); n > 0; n--) {
        const id = decoding.readVarUint(decoder);
        decoding.readVarUint(decoder);
        const state = JSON.parse(decoding.readVarString(decoder)) as { cursor?: { anchor: number } } | null;
        if (id === clientId && state?.cursor) out.push(state.cursor.anchor);
      }
    }
    return out;
  }
}

/** A log in memory: what was appended and what was taken back out. */
function memoryStore() {
  const rows = new Map<number, Uint8Array>();
  let seq = 0;
  const store = {
    append: async (_: string, update: Uint8Array) => (rows.set(++seq, update), seq),
    discard: async (_: string, at: number) => void rows.delete(at),
    writeDerived: async () => ({ clauses: new Map(), wordingChanged: false }),
    compact: async () => ({ folded: 0, bytes: 0 }),
  };
  return { rows, store: store as unknown as DocStore };
}

/** A typist: a Yjs document whose keystrokes become updates, and an awareness that moves with them. */
function typist() {
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  let chars = 0;
  return {
    doc,
    keystroke(): Uint8Array {
      let update: Uint8Array = new Uint8Array();
      doc.once("update", (u: Uint8Array) => (update = u));
      doc.getText("t").insert(chars++, "x");
      return update;
    },
    cursor(anchor = chars): Uint8Array {
      awareness.setLocalStateField("cursor", { anchor });
      return awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]);
    },
    stop: () => awareness.destroy(),
  };
}

/** A room with two people in it, `a` typing; fake timers. */
function twoInARoom() {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "clearImmediate", "setInterval", "clearInterval", "Date"] });
  vi.setSystemTime(100_000);
  const log = memoryStore();
  const dropped: Room[] = [];
  const room = new Room(
    "p1",
    { updates: [], bytes: 0, rowsSinceSnapshot: 0 },
    { store: log.store, limits: DEFAULT_LIMITS, bus: null, log: () => {}, deriveEveryMs: 60_000, compactAfterRows: 1e9, coalesceMaxMs: 40, dropRoom: (r) => dropped.push(r) },
  );
  const a = new FakeConnection(1);
  const b = new FakeConnection(2);
  room.join(a as unknown as Connection);
  room.join(b as unknown as Connection);
  a.writes.length = b.writes.length = 0;
  return { room, a, b, log, dropped, writer: typist() };
}

describe("Room: presence and update broadcasts", () => {
  let room: Room;
  let a: FakeConnection;
  let b: FakeConnection;
  let writer: ReturnType<typeof typist>;

  beforeEach(() => {
    ({ room, a, b, writer } = twoInARoom());
  });
  afterEach(() => {
    writer.stop();
    room.destroy();
    vi.useRealTimers();
  });

  /** One keystroke from `a` as the server receives it: the update, then in a later turn its cursor. */
  async function keystroke(): Promise<void> {
    room.accept(a as unknown as Connection, writer.keystroke());
    await vi.advanceTimersByTimeAsync(0);
    room.applyAwareness(a as unknown as Connection, writer.cursor());
    await vi.advanceTimersByTimeAsync(0);
  }

  it("while people type, each cursor goes out in the same write as the next update, never in a write of its own", async () => {
    for (let i = 0; i < 100; i++) {
      await keystroke();
      await vi.advanceTimersByTimeAsync(10); // 100 keystrokes a second in the room
    }
    const kinds = b.kinds();
    // The first cursor goes out on its own: nothing says yet that broadcasts come often.
    const alone = kinds.slice(2).filter((write) => write.length === 1 && write[0] === "presence");
    expect(alone).toEqual([]);
    const carried = kinds.filter((write) => write.includes("presence") && write.includes("sync"));
    // A room this small is under presence's shortest gap: every moved cursor rides along.
    expect(carried.length).toBeGreaterThanOrEqual(98);
    expect(kinds.filter((write) => write.includes("sync")).length).toBe(100);
    // The author gets its acknowledgement and the others' presence, never its own update back.
    expect(a.kinds().flat().filter((k) => k === "sync")).toEqual([]);
    expect(b.anchors(writer.doc.clientID).at(-1)).toBeGreaterThan(98);
  });

  it("in a crowd, presence rides on updates at most once per gap (two milliseconds per person)", async () => {
    const others = Array.from({ length: 38 }, (_, i) => new FakeConnection(10 + i));
    for (const other of others) room.join(other as unknown as Connection); // 40 people: an 80 ms gap
    b.writes.length = 0;
    for (let i = 0; i < 100; i++) {
      await keystroke();
      await vi.advanceTimersByTimeAsync(10);
    }
    const carried = b.kinds().filter((write) => write.includes("presence"));
    // 1 s of typing (plus the first cursor on its own).
    expect(carried.length).toBeGreaterThanOrEqual(10);
    expect(carried.length).toBeLessThanOrEqual(14);
    expect(b.anchors(writer.doc.clientID).at(-1)).toBeGreaterThan(90);
  });

  it("when typing stops, presence that was waiting for the next broadcast still goes out", async () => {
    for (let i = 0; i < 20; i++) {
      await keystroke();
      await vi.advanceTimersByTimeAsync(10);
    }
    room.applyAwareness(a as unknown as Connection, writer.cursor(5)); // a click, and nobody types any more
    await vi.advanceTimersByTimeAsync(0);
    expect(b.anchors(writer.doc.clientID).at(-1)).not.toBe(5); // waiting for a broadcast to ride on
    await vi.advanceTimersByTimeAsync(150); // the backstop: three intervals after the last presence at most
    expect(b.anchors(writer.doc.clientID).at(-1)).toBe(5);
  });

  it("a lone typist's cursor goes out on the wake-up that brought it, not after waiting for the next update", async () => {
    for (let i = 0; i < 5; i++) {
      room.accept(a as unknown as Connection, writer.keystroke());
      await vi.advanceTimersByTimeAsync(0);
      b.writes.length = 0;
      room.applyAwareness(a as unknown as Connection, writer.cursor());
      await vi.advanceTimersByTimeAsync(0); // the same wake-up: no timer passes
      expect(b.anchors(writer.doc.clientID)).toEqual([i + 1]);
      await vi.advanceTimersByTimeAsync(300);
    }
  });
});

describe("Room: an update Yjs cannot apply after it was stored", () => {
  it("is taken back out of the log, shown to nobody, and the room is dropped so everyone reloads what is stored", async () => {
    const { room, a, b, log, dropped, writer } = twoInARoom();
    try {
      room.accept(a as unknown as Connection, writer.keystroke());
      await vi.advanceTimersByTimeAsync(0);
      expect(log.rows.size).toBe(1);
      // Yjs throwing halfway through an update, as it does on some damaged ones: a throwing listener does the same.
      room.doc.on("beforeTransaction", () => {
        throw new Error("cannot apply");
      });
      room.accept(a as unknown as Connection, writer.keystroke());
      await vi.advanceTimersByTimeAsync(0);
      expect([...log.rows.keys()]).toEqual([1]);
      expect(b.kinds().filter((write) => write.includes("sync"))).toHaveLength(1);
      expect(a.closedWith).toBe(CLOSE.malformed);
      expect(b.closedWith).toBe(CLOSE.internal);
      expect(dropped).toEqual([room]);
      expect(room.accept(b as unknown as Connection, writer.keystroke())).toBe("frozen");
    } finally {
      writer.stop();
      vi.useRealTimers();
    }
  });
});
