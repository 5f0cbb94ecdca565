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
