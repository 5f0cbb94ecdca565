"use client";

import { fromBase64, toBase64 } from "lib0/buffer";
import type { IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";

/** Origin of updates replayed from the write-ahead buffer. */
export const WAL_ORIGIN = "accord-local-wal";

// Beyond this the buffer stops growing (IndexedDB still stores everything; only the
// last-moment safety net is capped), so localStorage never fills up.
const MAX_BUFFER_CHARS = 2_000_000;

/**
 * A synchronous safety net in front of IndexedDB. IndexedDB writes are
 * asynchronous: a reload or a closed tab in the few milliseconds after a keystroke
 * can abort them. Each local edit is therefore also written synchronously to
 * localStorage, and dropped from there once IndexedDB has committed it (a
 * read-only transaction on the same store completes only after every earlier
 * write to it). On load the buffer is replayed; Yjs ignores what it already has.
 */
export class LocalWal {
  private entries: string[];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly key: string,
    private readonly local: IndexeddbPersistence,
  ) {
    this.entries = this.read();
  }

  private read(): string[] {
    try {
      const parsed = JSON.parse(localStorage.getItem(this.key) ?? "[]") as unknown;
      return Array.isArray(parsed) ? parsed.filter((e): e is string => typeof e === "string") : [];
    } catch {
      return [];
    }
  }

  private write(): void {
    try {
      if (this.entries.length) localStorage.setItem(this.key, JSON.stringify(this.entries));
      else localStorage.removeItem(this.key);
    } catch {
      // storage full or disabled: IndexedDB alone keeps the edits
    }
  }

  /** Replays edits that may not have reached IndexedDB before the last page went away. */
  restore(doc: Y.Doc): void {
    for (const entry of this.entries) {
      try {
        Y.applyUpdate(doc, fromBase64(entry), WAL_ORIGIN);
      } catch {
        // a corrupt entry cannot be recovered; skip it
      }
    }
    this.scheduleTrim();
  }

  append(update: Uint8Array): void {
    const entry = toBase64(update);
    const size = this.entries.reduce((n, e) => n + e.length, 0);
    if (size + entry.length > MAX_BUFFER_CHARS) return;
    this.entries = [...this.read(), entry];
    this.write();
    this.scheduleTrim();
  }

  private scheduleTrim(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.trim();
    }, 250);
  }

  private trim(): void {
    const db = this.local.db;
    if (!db || !this.entries.length) return;
    const covered = this.entries.length;
    try {
      const tx = db.transaction(["updates"], "readonly");
      tx.oncomplete = () => {
        this.entries = this.read().slice(covered);
        this.write();
      };
    } catch {
      this.scheduleTrim();
    }
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}
