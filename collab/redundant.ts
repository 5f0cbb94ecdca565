import * as Y from "yjs";

/**
 * True when `update` would change nothing in `doc`: every struct it carries is
 * already there and every range it deletes is already deleted. A client that is
 * in sync answers the server's sync step 1 with exactly such an update (its
 * whole delete set); storing it would add a useless row on every connection.
 */
export function addsNothing(doc: Y.Doc, update: Uint8Array, ends = Y.parseUpdateMeta(update).to): boolean {
  // Cheap first: a keystroke carries a struct past the server's clock for its client.
  for (const [client, end] of ends) if (end > Y.getState(doc.store, client)) return false;
  const { ds } = Y.decodeUpdate(update);
  if (ds.clients.size === 0) return true;
  const deleted = Y.createDeleteSetFromStructStore(doc.store).clients;
  for (const [client, ranges] of ds.clients) {
    const have = deleted.get(client) ?? [];
    for (const range of ranges) {
      if (range.len === 0) continue;
      if (!covered(have, range.clock, range.clock + range.len)) return false;
    }
  }
  return true;
}

/** Whether sorted, merged ranges cover [from, to). */
function covered(ranges: Array<{ clock: number; len: number }>, from: number, to: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid];
    if (r.clock + r.len <= from) lo = mid + 1;
    else if (r.clock > from) hi = mid - 1;
    else return to <= r.clock + r.len;
  }
  return false;
}
