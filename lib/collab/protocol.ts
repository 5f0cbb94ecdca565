import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

// y-websocket message types, plus two of Accord's own for the "Saved" promise.
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;
/** server → client: these clients' edits are durably stored up to these clocks. */
export const MESSAGE_PERSISTED = 100;
/** client → server: how far are these clients' edits stored? (answered with MESSAGE_PERSISTED) */
export const MESSAGE_QUERY_PERSISTED = 101;

/** server → client: JSON `{kind, threadId}` — something the client shows changed; refetch it. */
export const MESSAGE_EVENT = 102;

/**
 * server → client: the answer to sync step 1 as a Yjs v2 update — varuint 1 if
 * deflated (zlib), else 0; then the bytes — for clients that connect with `?sync=v2`
 * (and `&zip=deflate`). A draft typed by several people is mostly item metadata,
 * which v2 encodes in columns: about a third smaller before compression and again
 * after (measured in docs/benchmarks.md). y-websocket itself only speaks v1.
 */
export const MESSAGE_SYNC_STEP2_V2 = 103;

export function encodeEvent(event: object): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_EVENT);
  encoding.writeVarString(encoder, JSON.stringify(event));
  return encoding.toUint8Array(encoder);
}

/** Close codes. 44xx: do not retry as is (y-websocket stops); Accord's client handles 4401/4409/4429 itself. */
export const CLOSE = {
  malformed: 4400,
  badToken: 4401,
  notMember: 4403,
  notFound: 4404,
  badOrigin: 4406,
  membershipChanged: 4409,
  tooLarge: 4413,
  rateLimited: 4429,
  internal: 4500,
  shuttingDown: 1012,
} as const;

export type ClockMap = Map<number, number>;

export function encodePersisted(clocks: ClockMap): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_PERSISTED);
  encoding.writeVarUint(encoder, clocks.size);
  for (const [client, clock] of clocks) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
  return encoding.toUint8Array(encoder);
}

/** Reads the body of a MESSAGE_PERSISTED (after its type). */
export function readClockMap(decoder: decoding.Decoder, max = 10_000): ClockMap {
  const count = decoding.readVarUint(decoder);
  if (count > max) throw new Error("too many clients");
  const clocks: ClockMap = new Map();
  for (let i = 0; i < count; i++) clocks.set(decoding.readVarUint(decoder), decoding.readVarUint(decoder));
  return clocks;
}

export function encodeQueryPersisted(clients: Iterable<number>): Uint8Array {
  const list = [...clients];
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_QUERY_PERSISTED);
  encoding.writeVarUint(encoder, list.length);
  for (const client of list) encoding.writeVarUint(encoder, client);
  return encoding.toUint8Array(encoder);
}

export function readClientList(decoder: decoding.Decoder, max = 1000): number[] {
  const count = decoding.readVarUint(decoder);
  if (count > max) throw new Error("too many clients");
  const out: number[] = [];
  for (let i = 0; i < count; i++) out.push(decoding.readVarUint(decoder));
  return out;
}
