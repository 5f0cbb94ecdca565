/** What the status line tells the person typing — only true things. */
export type SaveStatus =
  | { kind: "connecting" }
  | { kind: "saved" }
  | { kind: "saving"; pending: number }
  | { kind: "offline"; pending: number }
  | { kind: "reconnecting" }
  | { kind: "stopped"; reason: "removed" | "too_large" | "refused" };

export interface ConnectionFacts {
  /** The browser believes it has a network. */
  online: boolean;
  /** The socket is open. */
  connected: boolean;
  /** The initial exchange with the server has completed since it opened. */
  synced: boolean;
  /** It has been connected at least once since the page loaded. */
  everConnected: boolean;
  /** Edits on this device the server has not confirmed as stored. */
  pending: number;
  stopped?: "removed" | "too_large" | "refused" | null;
}

export function saveStatus(f: ConnectionFacts): SaveStatus {
  if (f.stopped) return { kind: "stopped", reason: f.stopped };
  if (!f.online) return { kind: "offline", pending: f.pending };
  if (!f.connected || !f.synced) {
    if (f.pending > 0) return { kind: "offline", pending: f.pending };
    return f.everConnected ? { kind: "reconnecting" } : { kind: "connecting" };
  }
  // "Saved" only when the server has confirmed every local edit as stored.
  return f.pending > 0 ? { kind: "saving", pending: f.pending } : { kind: "saved" };
}

/** Two statuses that read the same on screen are one (the count shows only offline). */
function sameOnScreen(a: SaveStatus, b: SaveStatus): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "offline" && b.kind === "offline") return a.pending === b.pending;
  if (a.kind === "stopped" && b.kind === "stopped") return a.reason === b.reason;
  return true;
}

/** How long every edit must have been confirmed before "Saving…" turns to "Saved". */
export const SAVED_SETTLE_MS = 800;

/**
 * Decides when the status line changes. While someone types, each keystroke is
 * confirmed within a round trip, so the raw status flips between Saving and Saved
 * several times a second. The line says "Saving…" at once and "Saved" only once
 * everything has stayed confirmed for a moment: never "Saved" early, and no
 * re-render per keystroke (each React commit while the editor has focus walks the
 * whole draft's DOM to save the selection).
 */
export class StatusLine {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private latest: SaveStatus;

  constructor(
    public shown: SaveStatus,
    private readonly onShow: (status: SaveStatus) => void,
    private readonly settleMs = SAVED_SETTLE_MS,
  ) {
    this.latest = shown;
  }

  next(status: SaveStatus): void {
    this.latest = status;
    if (status.kind === "saved" && this.shown.kind === "saving") {
      this.timer ??= setTimeout(() => {
        this.timer = null;
        this.show(this.latest);
      }, this.settleMs);
      return;
    }
    this.cancel();
    this.show(status);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private show(status: SaveStatus): void {
    if (sameOnScreen(status, this.shown)) return;
    this.shown = status;
    this.onShow(status);
  }
}
