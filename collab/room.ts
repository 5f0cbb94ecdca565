import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { applyStoredUpdates } from "@/lib/db/doc-state";
import { CLOSE, encodePersisted, MESSAGE_SYNC, type ClockMap } from "@/lib/collab/protocol";
import { emitProcessEvent } from "@/lib/runtime/process-events";
import { AwarenessRegistry, awarenessMessage } from "./awareness";
import type { Connection } from "./connection";
import type { CollabLimits } from "./limits";
import { LiveDraft } from "./live-draft";
import type { DocStore } from "./persistence";
import type { RedisBus } from "./redis";
import { OnNextWake } from "./on-next-wake";
import { addsNothing } from "./redundant";
import { readUpdateShape } from "./update-shape";

const PERSISTED = Symbol("persisted");
const MIN_PRESENCE_GAP_MS = 50;
const REMOTE = Symbol("remote");

export interface RoomDeps {
  store: DocStore;
  limits: CollabLimits;
  bus: RedisBus | null;
  log: (message: string, error?: unknown) => void;
  /** Tuning; see docs/collaboration.md. */
  deriveEveryMs: number;
  compactAfterRows: number;
  /** Longest wait between flushes in a crowded room (0: flush as soon as the last write is done). */
  coalesceMaxMs: number;
  /** Forget a room whose in-memory document can no longer be trusted; the next connection loads it afresh. */
  dropRoom: (room: Room) => void;
}

export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/**
 * One live document. Accepted updates wait in `pending`; a flush appends them to
 * the database as one merged row (group commit), and only then applies them to the
 * in-memory document, broadcasts them and acknowledges them to their authors. So
 * whatever anyone has seen is on disk, and "Saved" means stored.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly connections = new Set<Connection>();
  readonly awareness: AwarenessRegistry;
  private readonly draft: LiveDraft;
  private pending: Array<{ update: Uint8Array; from: Connection; clocks: ClockMap }> = [];
  private flushing: Promise<void> | null = null;
  private bytes: number;
  private rowsSinceSnapshot: number;
  private derived: Awaited<ReturnType<DocStore["writeDerived"]>>["clauses"] | null = null;
  private deriving: Promise<void> | null = null;
  private compacting = false;
  /** Presence goes out at most once per interval, longer with more people in the room. */
  private readonly presenceGapMs = () => Math.min(500, Math.max(MIN_PRESENCE_GAP_MS, this.connections.size * 2));
  private readonly awarenessFlush = new OnNextWake(() => this.flushAwareness(), this.presenceGapMs);
  /** When the last update broadcast went out, and the smoothed time between broadcasts. */
  private lastBroadcastAt = 0;
  private broadcastGapMs = Number.POSITIVE_INFINITY;
  private awarenessSweep: NodeJS.Timeout | null = null;
  /** The text changed since the clause table was last derived from it. */
  private deriveDue = false;
  private readonly deriveSoon = new OnNextWake(() => void this.derive(), () => this.deps.deriveEveryMs, 2);
  /** Set once the room is being unloaded or the server stops: no new work. */
  closing = false;
  /** The process was signed off: the text accepts no more changes, from anyone. */
  frozen = false;
  /**
   * Set once a row is being taken back out of the log (takeBack): from then on the
   * in-memory document cannot be trusted, and nothing more is accepted or derived from it.
   */
  takingBack: Promise<void> | null = null;

  freeze(): void {
    this.frozen = true;
    this.pending = [];
    for (const conn of this.connections) conn.canEdit = false;
  }

  constructor(
    readonly id: string,
    loaded: { updates: Uint8Array[]; bytes: number; rowsSinceSnapshot: number },
    private readonly deps: RoomDeps,
  ) {
    this.awareness = new AwarenessRegistry(deps.limits.maxAwarenessStateBytes);
    applyStoredUpdates(this.doc, loaded.updates, PERSISTED);
    this.draft = new LiveDraft(this.doc);
    this.bytes = loaded.bytes;
    this.rowsSinceSnapshot = loaded.rowsSinceSnapshot;
  }

  /** Sends a newcomer the server's state vector (sync step 1) and everyone present. */
  join(conn: Connection): void {
    this.connections.add(conn);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    conn.send(encoding.toUint8Array(encoder));
    const present = this.awareness.encodeAll();
    if (present) conn.send(awarenessMessage(present));
    this.startPresenceSweep();
  }

  leave(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    // Its queued updates were accepted and are still stored; only their acknowledgement is moot.
    this.awareness.removeOwnedBy(conn);
    this.awake();
  }

  /** A client's awareness update (cursor, selection), re-stamped with its identity; relayed with the next flush. */
  applyAwareness(from: Connection, payload: Uint8Array): void {
    this.awareness.applyFromClient(from, payload, Date.now());
    this.awake();
  }

  /**
   * The room's periodic work (presence flush, clause derive) rides on wake-ups the
   * process has anyway: every message calls this (see OnNextWake).
   */
  private awake(): void {
    if (this.closing) return;
    const now = Date.now();
    // A flush under way takes presence with it, or calls this again when it is done.
    if (this.awareness.hasDirty() && !this.flushing) {
      if (this.broadcastsCarryPresence(now)) this.awarenessFlush.wait(now);
      else this.awarenessFlush.poke(now);
    }
    if (this.deriveDue) this.deriveSoon.poke(now);
  }

  /**
   * While people are typing, update broadcasts go out more often than presence is due,
   * and presence rides on them: the same write to each socket (flushBatch) instead of a
   * write of its own, a third of all writes at ten typists (docs/benchmarks-notes.md §12).
   * A lone typist's broadcasts are too far apart to wait for; presence then goes out on
   * the next wake-up as before.
   */
  private broadcastsCarryPresence(now: number): boolean {
    const gap = this.presenceGapMs();
    return this.broadcastGapMs < gap && now - this.lastBroadcastAt < 2 * gap;
  }

  private noteBroadcast(now: number): void {
    if (this.lastBroadcastAt) {
      const since = now - this.lastBroadcastAt;
      this.broadcastGapMs = Number.isFinite(this.broadcastGapMs) ? 0.8 * this.broadcastGapMs + 0.2 * since : since;
    }
    this.lastBroadcastAt = now;
  }

  /** How far each of these clients' edits are stored. */
  persistedClocks(clientIds: number[]): ClockMap {
    const out: ClockMap = new Map();
    for (const id of clientIds) out.set(id, Y.getState(this.doc.store, id));
    return out;
  }

  /**
   * Queues an update from a writer. Throws on a malformed update (the caller
   * closes that socket); refuses one that would exceed the document size limit.
   */
  accept(from: Connection, update: Uint8Array): "queued" | "redundant" | "too_large" | "frozen" {
    const shape = readUpdateShape(update); // reads it whole: malformed input throws here, before anything is stored
    const clocks = shape.ends;
    if (this.takingBack) return "frozen"; // its document may hold part of an update that was taken back
    if (addsNothing(this.doc, shape)) {
      // Everything in it is already stored (the doc only holds stored updates), so say so.
      if (clocks.size) from.send(encodePersisted(clocks));
      return "redundant";
    }
    if (this.frozen) return "frozen";
    if (this.bytes + update.byteLength > this.deps.limits.maxDocBytes) return "too_large";
    this.bytes += update.byteLength;
    this.pending.push({ update, from, clocks });
    if (!this.flushing) this.flushing = this.flushLoop();
    this.awake();
    return "queued";
  }

  /** Resolves when everything queued so far is stored and sent. */
  async settle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private async flushLoop(): Promise<void> {
    try {
      // Let updates that arrived in the same event-loop turn join the first batch.
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (this.pending.length && !this.frozen) {
        const batch = this.pending;
        this.pending = [];
        await this.flushBatch(batch);
        // Under a crowd, wait a little so the next batch carries many updates in one row and one send.
        const coalesceMs = Math.min(this.deps.coalesceMaxMs, Math.floor(this.connections.size / 10));
        if (coalesceMs > 0 && this.pending.length) await new Promise((resolve) => setTimeout(resolve, coalesceMs));
      }
    } finally {
      this.flushing = null;
      if (this.awareness.hasDirty()) this.awake();
    }
  }

  private async flushBatch(batch: Array<{ update: Uint8Array; from: Connection; clocks: ClockMap }>): Promise<void> {
    let merged: Uint8Array;
    try {
      merged = batch.length === 1 ? batch[0].update : Y.mergeUpdates(batch.map((b) => b.update));
    } catch (error) {
      // Each update read whole on its own; should merging them still fail, nothing is stored.
      this.deps.log(`could not merge updates for ${this.id}`, error);
      for (const { from } of batch) from.close(CLOSE.internal, "could not store your changes; reconnecting");
      return;
    }
    let seq: number;
    try {
      seq = await this.deps.store.append(this.id, merged);
    } catch (error) {
      // Not stored, so not shown to anyone. The authors still hold their edits and
      // resend them when they reconnect.
      this.deps.log(`could not store an update for ${this.id}`, error);
      for (const { from } of batch) from.close(CLOSE.internal, "could not store your changes; reconnecting");
      return;
    }
    try {
      Y.applyUpdate(this.doc, merged, PERSISTED);
    } catch (error) {
      await this.takeBack(seq, batch, error);
      return;
    }
    this.rowsSinceSnapshot += 1;

    const authors = new Map<Connection, ClockMap>();
    for (const { from, clocks: ends } of batch) {
      const clocks = authors.get(from) ?? new Map<number, number>();
      for (const [client, clock] of ends) clocks.set(client, Math.max(clock, clocks.get(client) ?? 0));
      authors.set(from, clocks);
    }
    const message = syncUpdateMessage(merged);
    // Other instances get the update before the presence that may point into it.
    this.deps.bus?.publishUpdate(this.id, merged);
    const now = Date.now();
    this.noteBroadcast(now);
    // In a room small enough for presence's shortest gap, whatever presence changed rides
    // along every time: it adds no write of its own, and a typist's cursor then goes out
    // with the keystroke that moved it. In a crowd the gap bounds how often each cursor
    // is sent to everyone.
    const rideAlways = this.presenceGapMs() <= MIN_PRESENCE_GAP_MS;
    const presence = this.awareness.hasDirty() && this.awarenessFlush.claimIfDue(now, rideAlways) ? this.takePresence() : null;
    // A lone author already has its edit: it gets the small acknowledgement only.
    const soleAuthor = authors.size === 1 ? batch[0].from : null;
    for (const conn of this.connections) {
      const out: Uint8Array[] = conn === soleAuthor ? [] : [message];
      const clocks = authors.get(conn);
      if (clocks) out.push(encodePersisted(clocks));
      if (presence) out.push(presence);
      conn.sendAll(out);
    }
    this.deriveDue = true;
    this.awake();
    if (this.rowsSinceSnapshot >= this.deps.compactAfterRows) void this.compact();
  }

  /**
   * readUpdateShape refuses every update Yjs is known to fail on; should one still get
   * through, Yjs throws after applying part of it. The row is taken back out of the log
   * (a stored row Yjs cannot apply would break every later load of the draft) and the
   * room is dropped, since its document may hold part of the update: everyone
   * reconnects to a room loaded afresh from what is stored. Authors resend what the
   * server had not acknowledged.
   */
  private async takeBack(seq: number, batch: Array<{ from: Connection }>, error: unknown): Promise<void> {
    this.deps.log(`an update for ${this.id} could not be applied; it is taken back out of the log`, error);
    this.pending = [];
    // Whoever opens the document meanwhile waits for this, so the fresh room loads without the row.
    this.takingBack = this.deps.store.discard(this.id, seq).catch((discardError: unknown) => {
      this.deps.log(`could not take back update ${seq} of ${this.id}`, discardError);
    });
    await this.takingBack;
    this.closing = true;
    const soleAuthor = new Set(batch.map((b) => b.from)).size === 1 ? batch[0].from : null;
    soleAuthor?.close(CLOSE.malformed, "this update cannot be applied");
    for (const conn of this.connections) conn.close(CLOSE.internal, "the draft is reloading; reconnecting");
    this.deps.dropRoom(this);
  }

  /** An update another instance has already stored. */
  applyRemote(update: Uint8Array): void {
    if (this.closing) return;
    Y.applyUpdate(this.doc, update, REMOTE);
    this.bytes += update.byteLength;
    const message = syncUpdateMessage(update);
    for (const conn of this.connections) conn.send(message);
    this.deriveDue = true;
    this.awake();
  }

  applyRemoteAwareness(body: Uint8Array): void {
    this.awareness.applyRemote(body, Date.now());
    const message = awarenessMessage(body);
    for (const conn of this.connections) conn.send(message);
    this.awake();
  }

  /** Another instance's entries expire when it stops renewing them (it may have died): checked every few seconds. */
  private startPresenceSweep(): void {
    if (this.awarenessSweep) return;
    this.awarenessSweep = setInterval(() => {
      if (!this.connections.size || this.closing) {
        clearInterval(this.awarenessSweep!);
        this.awarenessSweep = null;
        return;
      }
      this.awareness.expireRemote(Date.now());
      this.awake();
    }, 5000);
    this.awarenessSweep.unref();
  }

  private flushAwareness(): void {
    const message = this.takePresence();
    if (message) for (const conn of this.connections) conn.send(message);
  }

  /** The changed presence as one message for every socket here; other instances get it via Redis. */
  private takePresence(): Uint8Array | null {
    const body = this.awareness.takeDirty();
    if (!body) return null;
    this.deps.bus?.publishAwareness(this.id, body);
    return awarenessMessage(body);
  }

  /** Re-derives the clause table and the server-rendered draft from the live text. */
  async derive(): Promise<void> {
    if (this.takingBack) return;
    if (this.deriving) {
      await this.deriving;
      return this.derive();
    }
    this.deriveDue = false;
    this.deriving = (async () => {
      try {
        const { clauses, wordingChanged } = await this.deps.store.writeDerived(this.id, this.draft.read(), this.derived);
        // Positions are bound to wording: a changed clause may have made some stale.
        if (wordingChanged && this.derived) emitProcessEvent({ processId: this.id, kind: "consensus", threadId: "" });
        this.derived = clauses;
      } catch (error) {
        this.derived = null;
        this.deps.log(`could not derive clauses for ${this.id}`, error);
      }
    })();
    try {
      await this.deriving;
    } finally {
      this.deriving = null;
    }
  }

  async compact(): Promise<void> {
    if (this.compacting) return;
    this.compacting = true;
    try {
      const { folded, bytes } = await this.deps.store.compact(this.id);
      if (folded) {
        this.rowsSinceSnapshot = Math.max(0, this.rowsSinceSnapshot - folded);
        this.bytes = bytes;
      }
    } catch (error) {
      this.deps.log(`could not compact ${this.id}`, error);
    } finally {
      this.compacting = false;
    }
  }

  /** Stores everything queued, brings the derived tables up to date and folds the log. */
  async flushAll(): Promise<void> {
    await this.settle();
    if (this.deriveDue) {
      this.deriveSoon.cancel();
      await this.derive();
    } else if (this.deriving) {
      await this.deriving;
    }
    if (this.rowsSinceSnapshot > 0) await this.compact();
  }

  destroy(): void {
    this.closing = true;
    this.awarenessFlush.cancel();
    this.deriveSoon.cancel();
    if (this.awarenessSweep) clearInterval(this.awarenessSweep);
    this.draft.destroy();
    this.doc.destroy();
  }
}
