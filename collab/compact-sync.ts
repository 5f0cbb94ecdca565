import { deflateSync } from "node:zlib";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";
import { MESSAGE_SYNC_STEP2_V2 } from "@/lib/collab/protocol";

export interface SyncFormat {
  /** Answer sync step 1 with a Yjs v2 update (MESSAGE_SYNC_STEP2_V2). */
  v2: boolean;
  /** …deflated, when it is large enough to be worth it. */
  deflate: boolean;
  /** The client has nothing yet: send it the whole draft on connection, before it asks. */
  fresh: boolean;
}

export function syncFormatOf(url: string | undefined): SyncFormat {
  const params = new URL(url ?? "/", "http://collab").searchParams;
  const v2 = params.get("sync") === "v2";
  const deflate = v2 && params.get("zip") === "deflate";
  return { v2, deflate, fresh: deflate && params.get("fresh") === "1" };
}

// Below this, deflate saves less than a round trip's worth of time on any link.
const DEFLATE_FROM_BYTES = 8 * 1024;
// A newcomer's answer is the whole draft: the same bytes for everyone until the next edit.
const wholeDraft = new WeakMap<Y.Doc, Uint8Array>();
const watched = new WeakSet<Y.Doc>();

function encode(update: Uint8Array, deflate: boolean): Uint8Array {
  const deflated = deflate && update.length >= DEFLATE_FROM_BYTES;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC_STEP2_V2);
  encoding.writeVarUint(encoder, deflated ? 1 : 0);
  encoding.writeVarUint8Array(encoder, deflated ? deflateSync(update, { level: 6 }) : update);
  return encoding.toUint8Array(encoder);
}

/**
 * The answer to a compact-sync client's sync step 1. Deflated here rather than by
 * permessage-deflate, whose small per-socket window (kept small so thousands of
 * sockets stay cheap) compresses a long draft far less: measured in docs/benchmarks.md.
 */
export function syncStep2V2(doc: Y.Doc, stateVector: Uint8Array, format: SyncFormat): Uint8Array {
  const newcomer = format.deflate && stateVector.length === 1 && stateVector[0] === 0;
  if (!newcomer) return encode(Y.encodeStateAsUpdateV2(doc, stateVector), format.deflate);
  if (!watched.has(doc)) {
    watched.add(doc);
    doc.on("update", () => wholeDraft.delete(doc));
  }
  let message = wholeDraft.get(doc);
  if (!message) {
    message = encode(Y.encodeStateAsUpdateV2(doc), true);
    wholeDraft.set(doc, message);
  }
  return message;
}

/**
 * For a fresh client: the whole draft, sent as soon as it connects rather than in answer
 * to its sync step 1 — on a slow link that saves a round trip, and on a busy phone the
 * wait for its main thread to get round to sending step 1. Returns what it covered, so the
 * answer to step 1 then only adds what changed in between.
 */
export function pushWholeDraft(doc: Y.Doc): { message: Uint8Array; covered: Map<number, number> } {
  return { message: syncStep2V2(doc, EMPTY_STATE_VECTOR, { v2: true, deflate: true, fresh: true }), covered: Y.decodeStateVector(Y.encodeStateVector(doc)) };
}

/** The client's state vector, raised to what was already pushed to it. */
export function withPushed(stateVector: Uint8Array, pushed: Map<number, number>): Uint8Array {
  const merged = Y.decodeStateVector(stateVector);
  for (const [client, clock] of pushed) merged.set(client, Math.max(clock, merged.get(client) ?? 0));
  return Y.encodeStateVector(merged);
}

const EMPTY_STATE_VECTOR = new Uint8Array([0]);
