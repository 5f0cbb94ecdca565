"use client";

import * as decoding from "lib0/decoding";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import type { PresenceIdentity } from "./identity";
import { LocalWal, WAL_ORIGIN } from "./local-wal";
import { PendingTracker, type PendingState } from "./pending-tracker";
import { acceptCompactSync, compactSyncParams } from "./compact-sync";
import { rememberLocalCopy, snapshotPath } from "./local-copies";
import { CLOSE, encodeQueryPersisted, MESSAGE_EVENT, MESSAGE_PERSISTED, readClockMap } from "./protocol";
import { coalescedAfterPaint } from "../client/after-paint";
import { saveStatus, StatusLine, type ConnectionFacts, type SaveStatus } from "./save-status";

export interface CollabSession {
  token: string;
  expiresAt: string;
  path: string;
  canEdit: boolean;
  identity: PresenceIdentity;
}

export type SessionResult = { ok: true; session: CollabSession } | { ok: false; status: number };

export interface RuntimeOptions {
  processId: string;
  userId: string;
  canEdit: boolean;
  fetchSession: () => Promise<SessionResult>;
  /** The member's role or group changed: the page must reload to get the new rights. */
  onRightsChanged: () => void;
}

const SNAPSHOT_WAIT_MS = 15_000;

/** The whole draft as the server last stored it (null if unavailable: the socket then brings it). */
async function fetchSnapshot(processId: string): Promise<Uint8Array | null> {
  // On a link that stalls, the editor must not wait for ever: the socket brings the draft
  // too. Long enough for the snapshot of a long draft (about 170 KB) at 2G speeds.
  const stalled = new AbortController();
  const timer = setTimeout(() => stalled.abort(), SNAPSHOT_WAIT_MS);
  try {
    // Same request as the page's preload (default mode and credentials), so it is reused.
    const res = await fetch(snapshotPath(processId), { signal: stalled.signal });
    return res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/** This person's keys for this draft on this device (IndexedDB, localStorage). */
const scopeOf = (options: Pick<RuntimeOptions, "processId" | "userId">) => `accord:${options.processId}:${options.userId}`;
const localCopyKey = (options: Pick<RuntimeOptions, "processId" | "userId">) => `${scopeOf(options)}:has-local-copy`;

function readFlag(key: string): boolean {
  try {
    return localStorage.getItem(key) === "1";
  } catch {
    return false;
  }
}

function writeFlag(key: string): void {
  try {
    localStorage.setItem(key, "1");
  } catch {
    // no storage: every visit syncs as a first visit, which is correct, only larger
  }
}

function storageFor(key: string) {
  return {
    load: (): PendingState | null => {
      try {
        return JSON.parse(localStorage.getItem(key) ?? "null") as PendingState | null;
      } catch {
        return null;
      }
    },
    save: (state: PendingState) => {
      try {
        localStorage.setItem(key, JSON.stringify(state));
      } catch {
        // storage full or disabled: the count is then only known for this page's lifetime
      }
    },
  };
}

/**
 * Everything behind the live editor that is not React: the Yjs document, its copy
 * on this device (IndexedDB), the socket to the collaboration server with token
 * refresh, and the honest save status.
 */
/** Milestones of opening a draft, for the cold-load benchmark (first occurrence only). */
function markOnce(name: string): void {
  if (typeof performance !== "undefined" && performance.getEntriesByName(name).length === 0) performance.mark(name);
}

export class CollabRuntime {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly local: IndexeddbPersistence;
  readonly tracker: PendingTracker;
  private readonly wal: LocalWal | null;
  /** Resolves when this device's copy has been loaded (the editor can show text offline). */
  readonly localReady: Promise<void>;
  private facts: ConnectionFacts;
  private readonly line: StatusLine;
  private readonly listeners = new Set<() => void>();
  private readonly notify = coalescedAfterPaint(() => {
    for (const listener of this.listeners) listener();
  });
  private readonly eventListeners = new Set<(event: { kind: string; threadId: string }) => void>();
  private destroyed = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly localCopyKey: string;
  /** This device already kept a copy of the draft when the page opened. */
  readonly hasLocalCopy: boolean;

  /**
   * A first visit on this device starts from the draft as the server stored it, over
   * HTTP and preloaded with the page, instead of waiting for the socket (which needs the
   * scripts, hydration and a token).
   */
  static async open(options: RuntimeOptions): Promise<CollabRuntime> {
    // Read once: another tab may finish its first sync while this one downloads.
    const hasLocalCopy = readFlag(localCopyKey(options));
    return new CollabRuntime(options, hasLocalCopy, hasLocalCopy ? null : await fetchSnapshot(options.processId));
  }

  private constructor(
    private readonly options: RuntimeOptions,
    hasLocalCopy: boolean,
    snapshot: Uint8Array | null,
  ) {
    // Applied before anything listens to the document: with an "update" listener Yjs also
    // encodes the whole draft again for it, a quarter of the cost of applying it, on a
    // slow phone's critical path (docs/benchmarks-notes.md §11). Nothing needs that event:
    // the device copy below stores the whole state when it opens.
    if (snapshot) {
      try {
        Y.applyUpdateV2(this.doc, snapshot);
        markOnce("accord:snapshot");
      } catch {
        // an unreadable snapshot changes nothing: the socket brings the draft
      }
    }
    const scope = scopeOf(options);
    this.local = new IndexeddbPersistence(scope, this.doc);
    this.wal = options.canEdit ? new LocalWal(`${scope}:wal`, this.local) : null;
    this.localReady = this.local.whenSynced.then(() => {
      markOnce("accord:local-ready");
      return this.wal?.restore(this.doc);
    });
    this.tracker = new PendingTracker(options.canEdit ? storageFor(`${scope}:pending`) : undefined);
    this.localCopyKey = localCopyKey(options);
    this.hasLocalCopy = hasLocalCopy;
    const wsOrigin = window.location.origin.replace(/^http/, "ws");
    this.provider = new WebsocketProvider(`${wsOrigin}/collab`, options.processId, this.doc, {
      connect: false,
      disableBc: true,
      maxBackoffTime: 8000,
    });
    acceptCompactSync(this.provider);
    this.provider.messageHandlers[MESSAGE_PERSISTED] = (_encoder, decoder: decoding.Decoder) => {
      this.tracker.notePersisted(readClockMap(decoder));
    };
    this.provider.messageHandlers[MESSAGE_EVENT] = (_encoder, decoder: decoding.Decoder) => {
      try {
        const event = JSON.parse(decoding.readVarString(decoder)) as { kind: string; threadId: string };
        for (const listener of this.eventListeners) listener(event);
      } catch {
        // an event we cannot read changes nothing
      }
    };
    this.facts = {
      online: navigator.onLine,
      connected: false,
      synced: false,
      everConnected: false,
      pending: this.tracker.pending,
      stopped: null,
    };
    this.line = new StatusLine(saveStatus(this.facts), this.notify.schedule);

    this.doc.on("update", this.onDocUpdate);
    this.tracker.subscribe(() => this.update({ pending: this.tracker.pending }));
    this.provider.on("status", ({ status }) => {
      const connected = status === "connected";
      if (connected) markOnce("accord:socket-open");
      this.update({ connected, synced: connected ? this.facts.synced : false, everConnected: this.facts.everConnected || connected });
    });
    this.provider.on("sync", (synced: boolean) => {
      if (synced) {
        markOnce("accord:synced");
        // From now on this device keeps a copy (y-indexeddb stores every update it sees).
        if (!this.hasLocalCopy) {
          writeFlag(this.localCopyKey);
          rememberLocalCopy(this.options.processId);
        }
      }
      this.update({ synced });
      // After a reload, ask how far the edits kept on this device got.
      const unconfirmed = this.tracker.unconfirmedClients();
      if (synced && unconfirmed.length && this.provider.ws) this.provider.ws.send(encodeQueryPersisted(unconfirmed));
    });
    this.provider.on("closed", ({ code }) => this.onClosed(code));
    window.addEventListener("online", this.onOnline);
    window.addEventListener("offline", this.onOffline);
  }

  private onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (!this.options.canEdit || origin === this.provider || origin === this.local) return;
    if (origin !== WAL_ORIGIN) this.wal?.append(update);
    this.tracker.noteLocal(update);
  };

  private onOnline = () => {
    this.update({ online: true });
    void this.connect();
  };

  private onOffline = () => {
    // Do not wait for timeouts on a dead link: say so now and keep edits on the device.
    this.update({ online: false });
    this.provider.disconnect();
  };

  private onClosed(code: number): void {
    if (this.destroyed) return;
    if (code === CLOSE.badToken) void this.connect();
    else if (code === CLOSE.membershipChanged) this.options.onRightsChanged();
    else if (code === CLOSE.notMember) this.update({ stopped: "removed" });
    else if (code === CLOSE.tooLarge) this.update({ stopped: "too_large" });
    else this.scheduleRetry(code === CLOSE.rateLimited ? 5000 : 2000);
  }

  private scheduleRetry(ms: number): void {
    if (this.retryTimer || this.destroyed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, ms);
  }

  /** Fetches a fresh token and opens the socket (tokens live five minutes; every connect gets a new one). */
  async connect(): Promise<void> {
    if (this.destroyed || !navigator.onLine) return;
    let result: SessionResult;
    try {
      result = await this.options.fetchSession();
      markOnce("accord:session");
    } catch {
      result = { ok: false, status: 0 };
    }
    // With a copy on this device, the socket opens only once it is loaded, so the server
    // sends just what the copy lacks. Without one (a first visit) there is nothing to wait
    // for: opening a fresh IndexedDB on a busy, slow phone took most of a second.
    if (this.hasLocalCopy) await this.localReady.catch(() => undefined);
    if (this.destroyed) return;
    if (!result.ok) {
      if (result.status === 404 || result.status === 403) this.update({ stopped: "removed" });
      else if (result.status === 401) this.update({ stopped: "refused" });
      else this.scheduleRetry(3000);
      return;
    }
    this.provider.params = { token: result.session.token, ...compactSyncParams(this.doc.store.clients.size === 0) };
    this.provider.connect();
  }

  getStatus = (): SaveStatus => this.line.shown;

  /** Change notices (e.g. a comment thread changed) relayed by the collaboration server. */
  onEvent(listener: (event: { kind: string; threadId: string }) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private update(change: Partial<ConnectionFacts>): void {
    // Closing the provider reports a disconnection: nobody is listening any more.
    if (this.destroyed) return;
    this.facts = { ...this.facts, ...change };
    this.line.next(saveStatus(this.facts));
  }

  destroy(): void {
    this.destroyed = true;
    this.line.cancel();
    this.notify.cancel();
    if (this.retryTimer) clearTimeout(this.retryTimer);
    window.removeEventListener("online", this.onOnline);
    window.removeEventListener("offline", this.onOffline);
    this.doc.off("update", this.onDocUpdate);
    this.wal?.destroy();
    this.provider.destroy();
    void this.local.destroy();
    this.doc.destroy();
  }
}
