import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { PendingTracker, type PendingState } from "./pending-tracker";
import { SAVED_SETTLE_MS, saveStatus, StatusLine, type SaveStatus } from "./save-status";

const base = { online: true, connected: true, synced: true, everConnected: true, pending: 0 };

describe("saveStatus", () => {
  it("says Saved only when connected, synced and nothing is unconfirmed", () => {
    expect(saveStatus(base)).toEqual({ kind: "saved" });
    expect(saveStatus({ ...base, pending: 3 })).toEqual({ kind: "saving", pending: 3 });
    expect(saveStatus({ ...base, synced: false })).toEqual({ kind: "reconnecting" });
  });

  it("says Offline with the number of changes kept on this device", () => {
    expect(saveStatus({ ...base, online: false, connected: false, pending: 5 })).toEqual({ kind: "offline", pending: 5 });
    expect(saveStatus({ ...base, online: false, pending: 0 })).toEqual({ kind: "offline", pending: 0 });
    expect(saveStatus({ ...base, connected: false, pending: 2 })).toEqual({ kind: "offline", pending: 2 });
  });

  it("distinguishes the first connection from reconnecting", () => {
    expect(saveStatus({ ...base, connected: false, everConnected: false })).toEqual({ kind: "connecting" });
    expect(saveStatus({ ...base, connected: false })).toEqual({ kind: "reconnecting" });
  });

  it("reports a connection the server ended for good", () => {
    expect(saveStatus({ ...base, stopped: "removed" })).toEqual({ kind: "stopped", reason: "removed" });
  });
});

describe("StatusLine", () => {
  afterEach(() => vi.useRealTimers());

  function line() {
    vi.useFakeTimers();
    const shown: string[] = [];
    const l = new StatusLine({ kind: "saved" }, (s) => shown.push(s.kind === "offline" ? `offline ${s.pending}` : s.kind));
    return { l, shown };
  }
  const saving = (pending: number): SaveStatus => ({ kind: "saving", pending });

  it("says Saving at once, and Saved only once every edit has stayed confirmed for a moment", () => {
    const { l, shown } = line();
    // Ten keystrokes, each confirmed 30 ms later.
    for (let i = 0; i < 10; i++) {
      l.next(saving(1));
      vi.advanceTimersByTime(30);
      l.next({ kind: "saved" });
      vi.advanceTimersByTime(70);
    }
    expect(shown).toEqual(["saving"]);
    expect(l.shown.kind).toBe("saving");
    vi.advanceTimersByTime(SAVED_SETTLE_MS);
    expect(shown).toEqual(["saving", "saved"]);
  });

  it("never says Saved while an edit is unconfirmed", () => {
    const { l, shown } = line();
    l.next(saving(1));
    l.next({ kind: "saved" });
    vi.advanceTimersByTime(SAVED_SETTLE_MS - 1);
    l.next(saving(2));
    vi.advanceTimersByTime(5 * SAVED_SETTLE_MS);
    expect(shown).toEqual(["saving"]);
    expect(l.shown).toEqual({ kind: "saving", pending: 1 });
  });

  it("shows trouble at once, and the offline count as it grows", () => {
    const { l, shown } = line();
    l.next(saving(1));
    l.next({ kind: "offline", pending: 1 });
    l.next({ kind: "offline", pending: 1 });
    l.next({ kind: "offline", pending: 2 });
    l.next({ kind: "reconnecting" });
    l.next({ kind: "saved" });
    l.next({ kind: "stopped", reason: "removed" });
    expect(shown).toEqual(["saving", "offline 1", "offline 2", "reconnecting", "saved", "stopped"]);
  });

  it("stops its timer when the page closes", () => {
    const { l, shown } = line();
    l.next(saving(1));
    l.next({ kind: "saved" });
    l.cancel();
    vi.advanceTimersByTime(5 * SAVED_SETTLE_MS);
    expect(shown).toEqual(["saving"]);
  });
});

describe("PendingTracker", () => {
  function typed(doc: Y.Doc, text: string): Uint8Array {
    const before = Y.encodeStateVector(doc);
    doc.getText("t").insert(0, text);
    return Y.encodeStateAsUpdate(doc, before);
  }

  it("counts local edits until the server confirms them", () => {
    const doc = new Y.Doc();
    const tracker = new PendingTracker();
    tracker.noteLocal(typed(doc, "hello"));
    expect(tracker.pending).toBe(5);
    expect(tracker.unconfirmedClients()).toEqual([doc.clientID]);
    tracker.notePersisted(new Map([[doc.clientID, 3]]));
    expect(tracker.pending).toBe(2);
    tracker.notePersisted(new Map([[doc.clientID, 5]]));
    expect(tracker.pending).toBe(0);
    expect(tracker.unconfirmedClients()).toEqual([]);
  });

  it("counts only the new edits after earlier ones were confirmed", () => {
    const doc = new Y.Doc();
    const tracker = new PendingTracker();
    doc.on("update", (update: Uint8Array) => tracker.noteLocal(update));
    const text = doc.getText("t");
    text.insert(0, "first");
    tracker.notePersisted(new Map([[doc.clientID, 5]]));
    expect(tracker.pending).toBe(0);
    for (const ch of "abc") text.insert(text.length, ch);
    expect(tracker.pending).toBe(3);
    tracker.notePersisted(new Map([[doc.clientID, 8]]));
    expect(tracker.pending).toBe(0);
  });

  it("ignores stale acknowledgements and notifies listeners on change", () => {
    const doc = new Y.Doc();
    const tracker = new PendingTracker();
    let calls = 0;
    tracker.subscribe(() => calls++);
    tracker.noteLocal(typed(doc, "abc"));
    tracker.notePersisted(new Map([[doc.clientID, 2]]));
    tracker.notePersisted(new Map([[doc.clientID, 1]]));
    expect(tracker.pending).toBe(1);
    expect(calls).toBe(2);
  });

  it("survives a reload through its storage", () => {
    let saved: PendingState | null = null;
    const storage = { load: () => saved, save: (s: PendingState) => (saved = s) };
    const doc = new Y.Doc();
    new PendingTracker(storage).noteLocal(typed(doc, "offline words"));
    const afterReload = new PendingTracker(storage);
    expect(afterReload.pending).toBe(13);
    expect(afterReload.unconfirmedClients()).toEqual([doc.clientID]);
  });
});
