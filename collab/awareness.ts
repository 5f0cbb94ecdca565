import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { MESSAGE_AWARENESS } from "@/lib/collab/protocol";
import type { PresenceIdentity } from "@/lib/collab/identity";

/** Who may speak for an awareness entry: a local connection, or another instance (via Redis). */
export interface AwarenessOwner {
  readonly id: number;
  readonly identity: PresenceIdentity;
  readonly clientIds: Set<number>;
}

interface Entry {
  clock: number;
  /** Serialized state, or null when the client has left. */
  json: string | null;
  owner: AwarenessOwner | null;
  updatedAt: number;
}

// Remote entries that are not renewed within this time are dropped (clients renew every 15 s).
const REMOTE_TTL_MS = 35_000;

/** The user id a server stamped into a serialized state (null for a removed state). */
function stampedUserId(json: string | null): string | null {
  if (json === null) return null;
  try {
    return (JSON.parse(json) as { user?: { userId?: unknown } }).user?.userId as string | null;
  } catch {
    return null;
  }
}

export class AwarenessError extends Error {}

/**
 * The server's view of presence in one document. Every state a client sends is
 * re-stamped with the identity from its token and the database (`user` field),
 * and a connection can only speak for the one client id it first claimed — it
 * cannot show itself as someone else, nor change or remove another's state.
 */
export class AwarenessRegistry {
  private readonly entries = new Map<number, Entry>();
  /** Changed since the last broadcast tick (local changes only). */
  private readonly dirty = new Set<number>();

  constructor(private readonly maxStateBytes: number) {}

  /** Applies an awareness update from a client; returns how many entries it was allowed to change. */
  applyFromClient(owner: AwarenessOwner, payload: Uint8Array, now: number): number {
    const decoder = decoding.createDecoder(payload);
    const count = decoding.readVarUint(decoder);
    if (count > 64) throw new AwarenessError("too many awareness entries");
    let accepted = 0;
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const raw = decoding.readVarString(decoder);
      if (raw.length > this.maxStateBytes) throw new AwarenessError("awareness state too large");
      const existing = this.entries.get(clientId);
      // One client id per connection, and never one another local connection holds —
      // nor one another instance stamped for someone else (only its own person may
      // take it over, e.g. after moving to this instance).
      if (existing?.owner && existing.owner !== owner) continue;
      if (existing && !existing.owner && stampedUserId(existing.json) !== owner.identity.userId) continue;
      if (!owner.clientIds.has(clientId)) {
        if (owner.clientIds.size > 0) continue;
        owner.clientIds.add(clientId);
      }
      if (existing && clock < existing.clock) continue;
      let json: string | null = null;
      if (raw !== "null") {
        let state: unknown;
        try {
          state = JSON.parse(raw);
        } catch {
          throw new AwarenessError("awareness state is not JSON");
        }
        if (state === null || typeof state !== "object" || Array.isArray(state)) throw new AwarenessError("awareness state is not an object");
        json = JSON.stringify({ ...(state as Record<string, unknown>), user: owner.identity });
      }
      this.entries.set(clientId, { clock, json, owner, updatedAt: now });
      this.dirty.add(clientId);
      accepted += 1;
    }
    if (decoder.pos !== decoder.arr.length) throw new AwarenessError("trailing bytes in awareness update");
    return accepted;
  }

  /** Entries stamped by another instance; never overrides a local connection's entry. */
  applyRemote(payload: Uint8Array, now: number): void {
    const decoder = decoding.createDecoder(payload);
    const count = decoding.readVarUint(decoder);
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const raw = decoding.readVarString(decoder);
      const existing = this.entries.get(clientId);
      if (existing?.owner) continue;
      if (existing && clock < existing.clock) continue;
      if (raw === "null") this.entries.delete(clientId);
      else this.entries.set(clientId, { clock, json: raw, owner: null, updatedAt: now });
    }
  }

  /** Marks every state of a departing connection as gone. */
  removeOwnedBy(owner: AwarenessOwner): void {
    for (const clientId of owner.clientIds) {
      const entry = this.entries.get(clientId);
      if (!entry || entry.owner !== owner) continue;
      this.entries.set(clientId, { clock: entry.clock + 1, json: null, owner, updatedAt: entry.updatedAt });
      this.dirty.add(clientId);
    }
  }

  /** Drops remote entries nobody renewed (their instance may have died); their removal goes out with the next tick. */
  expireRemote(now: number): void {
    for (const [clientId, entry] of this.entries) {
      if (!entry.owner && entry.json !== null && now - entry.updatedAt > REMOTE_TTL_MS) {
        this.entries.set(clientId, { ...entry, clock: entry.clock + 1, json: null });
        this.dirty.add(clientId);
      }
    }
  }

  hasDirty(): boolean {
    return this.dirty.size > 0;
  }

  /** The awareness update body for the dirty entries; clears them. Null when nothing changed. */
  takeDirty(): Uint8Array | null {
    if (!this.dirty.size) return null;
    const body = this.encode([...this.dirty]);
    for (const clientId of this.dirty) {
      if (this.entries.get(clientId)?.json === null) this.entries.delete(clientId);
    }
    this.dirty.clear();
    return body;
  }

  /** Everything currently present, for a newcomer. Null when nobody is here. */
  encodeAll(): Uint8Array | null {
    const ids = [...this.entries.keys()].filter((id) => this.entries.get(id)?.json !== null);
    return ids.length ? this.encode(ids) : null;
  }

  private encode(clientIds: number[]): Uint8Array {
    const encoder = encoding.createEncoder();
    const present = clientIds.filter((id) => this.entries.has(id));
    encoding.writeVarUint(encoder, present.length);
    for (const clientId of present) {
      const entry = this.entries.get(clientId)!;
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, entry.clock);
      encoding.writeVarString(encoder, entry.json ?? "null");
    }
    return encoding.toUint8Array(encoder);
  }
}

/** Wraps an awareness body as a y-websocket message. */
export function awarenessMessage(body: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, body);
  return encoding.toUint8Array(encoder);
}
