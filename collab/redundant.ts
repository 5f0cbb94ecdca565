import * as Y from "yjs";

/**
 * True when `update` would change nothing in `doc`: every struct it carries is
 * already there and every range it deletes is already deleted. A client that is
 * in sync answers the server's sync step 1 with exactly such an update (its
 * whole delete set); storing it would add a useless row on every connection.
 * Runs on every accepted update, so it only looks at the structs the update names.
 */
export function addsNothing(doc: Y.Doc, update: Uint8Array, ends = Y.parseUpdateMeta(update).to): boolean {
  // A keystroke carries a struct past the server's clock for its client.
  for (const [client, end] of ends) if (end > Y.getState(doc.store, client)) return false;
  const { ds } = Y.decodeUpdate(update);
  for (const [client, ranges] of ds.clients) {
    const structs = doc.store.clients.get(client);
    for (const { clock, len } of ranges) {
      if (len > 0 && !allDeleted(structs, clock, clock + len)) return false;
    }
  }
  return true;
}

/** Whether the structs covering [from, to) exist and are all deleted. */
function allDeleted(structs: Array<Y.Item | Y.GC> | undefined, from: number, to: number): boolean {
  if (!structs?.length) return false;
  const last = structs[structs.length - 1];
  if (to > last.id.clock + last.length) return false;
  for (let i = Y.findIndexSS(structs, from); i < structs.length && structs[i].id.clock < to; i++) {
    if (!structs[i].deleted) return false;
  }
  return true;
}
