import * as decoding from "lib0/decoding";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { MESSAGE_SYNC_STEP2_V2 } from "./protocol";

/** Whether this browser can inflate a deflated first sync (every browser since 2023). */
const canInflate = typeof DecompressionStream !== "undefined";

/**
 * Query parameters a client adds to its socket URL to get the compact first sync;
 * `fresh` (nothing on this device yet) has the server send the whole draft at once.
 */
export function compactSyncParams(fresh = false): Record<string, string> {
  if (!canInflate) return { sync: "v2" };
  return fresh ? { sync: "v2", zip: "deflate", fresh: "1" } : { sync: "v2", zip: "deflate" };
}

async function inflate(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/**
 * Client side: applies the server's sync step 2 as y-websocket applies a v1 one — with
 * the provider as origin, so it is not sent back — and marks the provider synced. A
 * deflated answer is inflated first, asynchronously; answers are applied in the order
 * they came, so a small answer cannot mark the provider synced before the whole draft
 * pushed ahead of it is in. (Ordinary updates that arrive meanwhile wait in Yjs's
 * pending queue until their predecessors are in.)
 */
export function acceptCompactSync(provider: WebsocketProvider): void {
  let queue: Promise<void> | null = null;
  provider.messageHandlers[MESSAGE_SYNC_STEP2_V2] = (_encoder, decoder: decoding.Decoder, p, emitSynced) => {
    const deflated = decoding.readVarUint(decoder) === 1;
    const bytes = decoding.readVarUint8Array(decoder);
    const ws = p.ws;
    const apply = (update: Uint8Array) => {
      Y.applyUpdateV2(p.doc, update, p);
      if (emitSynced && !p.synced && p.ws === ws && p.wsconnected) p.synced = true;
    };
    if (!deflated && !queue) return apply(bytes);
    const step = (queue ?? Promise.resolve()).then(async () => apply(deflated ? await inflate(bytes) : bytes));
    queue = step;
    step.then(
      () => {
        if (queue === step) queue = null;
      },
      // Unreadable: drop the connection; the provider reconnects and asks again.
      () => {
        if (queue === step) queue = null;
        ws?.close();
      },
    );
  };
}
