import * as Y from "yjs";

export interface PendingState {
  local: Array<[number, number]>;
  persisted: Array<[number, number]>;
}

export interface PendingStorage {
  load(): PendingState | null;
  save(state: PendingState): void;
}

/**
 * Counts this device's edits the server has not yet confirmed as stored. Local
 * edits raise a client's clock; the server's acknowledgements (sent only after
 * the database write) raise the stored clock. The difference is what would be
 * lost if this device disappeared now. Kept in storage so a reload while offline
 * still knows.
 */
export class PendingTracker {
  private readonly local = new Map<number, number>();
  private readonly persisted = new Map<number, number>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage?: PendingStorage) {
    const saved = storage?.load();
    if (saved) {
      for (const [client, clock] of saved.local) this.local.set(client, clock);
      for (const [client, clock] of saved.persisted) this.persisted.set(client, clock);
    }
  }

  /** A Yjs update made on this device. */
  noteLocal(update: Uint8Array): void {
    let changed = false;
    // `to`: the end clock of this update's items per client (a state vector would omit
    // clients whose items do not start at clock 0, i.e. every edit after the first).
    for (const [client, clock] of Y.parseUpdateMeta(update).to) {
      if (clock > (this.local.get(client) ?? 0)) {
        this.local.set(client, clock);
        changed = true;
      }
    }
    if (changed) this.changed();
  }

  /** The server's word that these clients' edits are stored up to these clocks. */
  notePersisted(clocks: Map<number, number>): void {
    let changed = false;
    for (const [client, clock] of clocks) {
      if (clock > (this.persisted.get(client) ?? 0)) {
        this.persisted.set(client, clock);
        changed = true;
      }
    }
    if (changed) this.changed();
  }

  /** Number of not-yet-stored edits (characters and structural changes). */
  get pending(): number {
    let total = 0;
    for (const [client, clock] of this.local) total += Math.max(0, clock - (this.persisted.get(client) ?? 0));
    return total;
  }

  /** Client ids with unconfirmed edits: what to ask the server about after reconnecting. */
  unconfirmedClients(): number[] {
    return [...this.local].filter(([client, clock]) => clock > (this.persisted.get(client) ?? 0)).map(([client]) => client);
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    // Forget fully confirmed local clocks so the stored state stays small (the stored
    // clock is kept: it is the baseline for this client's next edits).
    for (const [client, clock] of this.local) {
      if (clock <= (this.persisted.get(client) ?? 0)) this.local.delete(client);
    }
    this.storage?.save({ local: [...this.local], persisted: [...this.persisted] });
    for (const listener of this.listeners) listener();
  }
}
