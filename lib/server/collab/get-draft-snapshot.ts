import "server-only";
import * as Y from "yjs";
import { applyStoredUpdates, readDocState, readDocStateKey } from "@/lib/db/doc-state";
import { brotliAtMax } from "@/lib/runtime/content-encoding";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { authorizeInProcess } from "../processes/access";
import { idSchema, parseInput } from "../validation";

export interface DraftSnapshot {
  /** One Yjs v2 update holding the whole stored draft. */
  update: Uint8Array;
  /** The same bytes compressed with brotli at its highest quality, once that has finished (null until then). */
  brotli: Uint8Array | null;
}

interface Cached extends DraftSnapshot {
  key: string;
}

// One entry per recently opened draft, until it changes; a long draft costs a few
// hundred milliseconds to fold and compress, so the next reader should not pay again.
// The first reader of a new state gets it compressed on the fly (quickly, by the
// server); meanwhile the thread pool compresses it once at brotli's highest quality for
// the readers after (about 10% fewer bytes: docs/benchmarks-notes.md §16).
const cache = new Map<string, Cached>();
const CACHE_ENTRIES = 32;
/** Below this the server sends the update as it is (its compression threshold). */
const MIN_COMPRESSED_BYTES = 1024;

// One compression at a time: each holds a thread of libuv's pool (four, shared with the
// server's on-the-fly compression and file reads) for up to a second. An entry skipped
// while another runs gets its turn with its next reader.
let compressing = false;

function compressInBackground(entry: Cached): void {
  if (compressing || entry.brotli || entry.update.byteLength < MIN_COMPRESSED_BYTES) return;
  compressing = true;
  brotliAtMax(entry.update)
    .then(
      (compressed) => void (entry.brotli = compressed),
      () => undefined, // only a saving: the server compresses it on the fly instead
    )
    .finally(() => (compressing = false));
}

const stateKey = (state: { lastSeq?: number; bytes: number } | null) => `${state?.lastSeq ?? "none"}:${state?.bytes ?? 0}`;

/**
 * The draft's current text as stored, for a member opening it on a device with no copy
 * yet: fetched over HTTP alongside the page's scripts (the page preloads it), so the
 * editor does not wait for its socket to learn the text: one Yjs v2 update, which the
 * server sends compressed with the browser's own content encoding.
 */
export async function getDraftSnapshot(actor: Actor, processId: unknown): Promise<DraftSnapshot> {
  const id = parseInput(idSchema, processId);
  await authorizeInProcess(db, actor, id, "process.view");
  const cached = cache.get(id);
  // Most readers find the draft unchanged: they need its key, not its bytes.
  if (cached && cached.key === stateKey(await readDocStateKey(db, id))) {
    compressInBackground(cached);
    return { update: cached.update, brotli: cached.brotli };
  }
  const state = await readDocState(db, id);
  const key = stateKey(state);
  let entry = cache.get(id);
  if (!entry || entry.key !== key) {
    const doc = new Y.Doc({ gc: true });
    applyStoredUpdates(doc, state?.updates ?? []);
    const fresh: Cached = { key, update: Y.encodeStateAsUpdateV2(doc), brotli: null };
    doc.destroy();
    cache.delete(id);
    cache.set(id, fresh);
    if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    compressInBackground(fresh);
    entry = fresh;
  }
  return { update: entry.update, brotli: entry.brotli };
}
