import "server-only";
import * as Y from "yjs";
import { applyStoredUpdates, readDocState, readDocStateKey } from "@/lib/db/doc-state";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { authorizeInProcess } from "../processes/access";
import { idSchema, parseInput } from "../validation";

interface Cached {
  key: string;
  v2: Uint8Array;
}

// One entry per recently opened draft, until it changes; a long draft costs a few
// hundred milliseconds to fold and compress, so the next reader should not pay again.
const cache = new Map<string, Cached>();
const CACHE_ENTRIES = 32;

const stateKey = (state: { lastSeq?: number; bytes: number } | null) => `${state?.lastSeq ?? "none"}:${state?.bytes ?? 0}`;

/**
 * The draft's current text as stored, for a member opening it on a device with no copy
 * yet: fetched over HTTP alongside the page's scripts (the page preloads it), so the
 * editor does not wait for its socket to learn the text: one Yjs v2 update, which the
 * server sends compressed with the browser's own content encoding.
 */
export async function getDraftSnapshot(actor: Actor, processId: unknown): Promise<Uint8Array> {
  const id = parseInput(idSchema, processId);
  await authorizeInProcess(db, actor, id, "process.view");
  const cached = cache.get(id);
  // Most readers find the draft unchanged: they need its key, not its bytes.
  if (cached && cached.key === stateKey(await readDocStateKey(db, id))) return cached.v2;
  const state = await readDocState(db, id);
  const key = stateKey(state);
  let entry = cache.get(id);
  if (!entry || entry.key !== key) {
    const doc = new Y.Doc({ gc: true });
    applyStoredUpdates(doc, state?.updates ?? []);
    entry = { key, v2: Y.encodeStateAsUpdateV2(doc) };
    doc.destroy();
    cache.delete(id);
    cache.set(id, entry);
    if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
  }
  return entry.v2;
}
