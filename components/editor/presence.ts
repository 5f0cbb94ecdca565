"use client";

import type { Awareness } from "y-protocols/awareness";
import type { PresenceIdentity } from "@/lib/collab/identity";

export interface Present {
  clientId: number;
  user: PresenceIdentity;
  isMe: boolean;
}

/**
 * A useSyncExternalStore source over Yjs awareness: who is here, one entry per
 * person (several tabs of one person count once). Identities come from the
 * server's stamp, never from what a client claimed.
 */
export function presenceStore(awareness: Awareness, me: PresenceIdentity) {
  let snapshot: Present[] = [];
  let key = "";
  // Awareness changes with every caret move (ours on each keystroke, everyone else's as
  // they type); the bar changes only when someone arrives, leaves or is named otherwise.
  // A new snapshot only then: each React commit while the editor has focus costs a walk
  // of the whole draft's DOM (React saves the selection of a focused contenteditable).
  const compute = () => {
    const byUser = new Map<string, Present>();
    for (const [clientId, state] of awareness.getStates()) {
      // Our own entry carries what we set locally; the server stamps the same identity for others to see.
      const user = clientId === awareness.clientID ? me : (state as { user?: PresenceIdentity }).user;
      if (!user?.userId || !user.name) continue;
      const isMe = clientId === awareness.clientID;
      const existing = byUser.get(user.userId);
      if (!existing || isMe) byUser.set(user.userId, { clientId, user, isMe: isMe || !!existing?.isMe });
    }
    const next = [...byUser.values()].sort((a, b) => Number(b.isMe) - Number(a.isMe) || a.user.name.localeCompare(b.user.name));
    const nextKey = JSON.stringify(next);
    if (nextKey === key) return false;
    key = nextKey;
    snapshot = next;
    return true;
  };
  compute();
  // One awareness listener for every subscriber: the snapshot is computed once per change.
  const listeners = new Set<() => void>();
  const onChange = () => {
    if (compute()) for (const listener of listeners) listener();
  };
  return {
    subscribe(listener: () => void) {
      if (!listeners.size) {
        awareness.on("change", onChange);
        compute();
      }
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (!listeners.size) awareness.off("change", onChange);
      };
    },
    getSnapshot: () => snapshot,
  };
}
