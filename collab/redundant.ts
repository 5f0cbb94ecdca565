import * as Y from "yjs";
import type { UpdateShape } from "./update-shape";

/**
 * True when `update` would change nothing in `doc`: every struct it carries is
 * already there and every range it deletes is already deleted. A client that is
 * in sync answers the server's sync step 1 with exactly such an update (its
 * whole delete set); storing it would add a useless row on every connection.
 * Runs on every accepted update, so it only looks at the structs the update names.
 */
export function addsNothing(doc: Y.Doc, shape: UpdateShape): boolean {
  // A keystroke carries a struct past the server's clock for its client.
  for (const [client, end] of shape.ends) if (end > Y.getState(doc.store, client)) return false;
  for (const [client, clock, len] of shape.deletes) {
    if (!allDeleted(doc.store.clients.get(client), clock, clock + len)) return false;
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
