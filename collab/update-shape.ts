import * as decoding from "lib0/decoding";
import type { ClockMap } from "@/lib/collab/protocol";

/** What a Yjs (v1) update touches, read without building anything. */
export interface UpdateShape {
  /** End clock per client of the structs it carries. */
  ends: ClockMap;
  /** The ranges it deletes: client, first clock, length. */
  deletes: Array<[client: number, clock: number, len: number]>;
}

export class MalformedUpdateError extends Error {}

function malformed(what: string): never {
  throw new MalformedUpdateError(`malformed update: ${what}`);
}

/** Yjs' item content kinds (the low five bits of a struct's info byte). */
const GC = 0;
const SKIP = 10;
const XML_ELEMENT = 3;
const XML_HOOK = 5;
const LAST_TYPE_REF = 6;
/**
 * Far above any real document (10^15 characters typed by one client) and far below 2^53:
 * lib0 reads clocks up to 2^56, and past 2^53 two structs get the same clock, which
 * applies and then makes every later deletion of them throw.
 */
const MAX_CLOCK = 2 ** 50;

function clockWithin(clock: number): number {
  return clock <= MAX_CLOCK ? clock : malformed("a clock out of range");
}

/** No encoder writes an empty struct or delete range; Yjs fails on one after applying part of the update. */
function nonEmpty(length: number): number {
  return length > 0 ? length : malformed("an empty struct or deletion");
}

/**
 * An item's reference to another struct. Yjs waits for a missing struct of another
 * client, but looks one of the item's own client up at once: a reference to its own
 * client at or past itself makes Yjs throw halfway through applying the update.
 */
function readEarlierId(decoder: decoding.Decoder, client: number, clock: number): void {
  const refClient = decoding.readVarUint(decoder);
  const refClock = clockWithin(decoding.readVarUint(decoder));
  if (refClient === client && refClock >= clock) malformed("an item refers to itself or to a later item");
}

/** Reads one item's content as Yjs' `readItemContent` does (v1), returning its length. */
function readContent(decoder: decoding.Decoder, kind: number): number {
  switch (kind) {
    case 1: // deleted
      return decoding.readVarUint(decoder);
    case 2: {
      // JSON: Yjs parses every entry when it applies the update, so a bad one must fail here
      const len = decoding.readVarUint(decoder);
      for (let i = 0; i < len; i++) {
        const entry = decoding.readVarString(decoder);
        if (entry !== "undefined") JSON.parse(entry);
      }
      return len;
    }
    case 3: // binary
      decoding.readVarUint8Array(decoder);
      return 1;
    case 4: // string: its length counts UTF-16 code units
      return decoding.readVarString(decoder).length;
    case 5: // embed
      JSON.parse(decoding.readVarString(decoder));
      return 1;
    case 6: // format: key and value
      decoding.readVarString(decoder);
      JSON.parse(decoding.readVarString(decoder));
      return 1;
    case 7: {
      const ref = decoding.readVarUint(decoder);
      if (ref > LAST_TYPE_REF) malformed("unknown type");
      if (ref === XML_ELEMENT || ref === XML_HOOK) decoding.readVarString(decoder);
      return 1;
    }
    case 8: {
      const len = decoding.readVarUint(decoder);
      for (let i = 0; i < len; i++) decoding.readAny(decoder);
      return len;
    }
    case 9:
      // A subdocument: the editor never makes one, and Yjs would create a document for it.
      return malformed("subdocuments are not accepted");
    default:
      return malformed("unknown content");
  }
}

/**
 * Reads a whole v1 update the way Yjs reads one to apply it — every struct, then the
 * delete set — and throws where Yjs would. `Y.parseUpdateMeta` stops after the structs,
 * so an update whose delete set was cut short passed it and failed only when applied,
 * after it had been stored, and the stored row broke every later load of the draft. Also
 * cheaper: no generator and no struct objects (docs/benchmarks-notes.md §12). Bytes after
 * the delete set are ignored, as Yjs ignores them.
 */
export function readUpdateShape(update: Uint8Array): UpdateShape {
  const decoder = decoding.createDecoder(update);
  const ends: ClockMap = new Map();
  try {
    for (let clients = decoding.readVarUint(decoder); clients > 0; clients--) {
      const structs = decoding.readVarUint(decoder);
      const client = decoding.readVarUint(decoder);
      let clock = clockWithin(decoding.readVarUint(decoder));
      for (let i = 0; i < structs; i++) {
        const info = decoding.readUint8(decoder);
        const kind = info & 0b11111;
        if (kind === GC || kind === SKIP) {
          clock = clockWithin(clock + nonEmpty(decoding.readVarUint(decoder)));
          continue;
        }
        if (info & 0b1000_0000) readEarlierId(decoder, client, clock); // origin
        if (info & 0b0100_0000) readEarlierId(decoder, client, clock); // right origin
        if ((info & 0b1100_0000) === 0) {
          // No origin to copy the parent from: a root type's name or the parent item's id.
          if (decoding.readVarUint(decoder) === 1) decoding.readVarString(decoder);
          else readEarlierId(decoder, client, clock);
          if (info & 0b0010_0000) decoding.readVarString(decoder); // key in a map
        }
        clock = clockWithin(clock + nonEmpty(readContent(decoder, kind)));
      }
      // As Y.parseUpdateMeta: a client's last section with structs decides (no encoder writes a client twice).
      if (structs > 0) ends.set(client, clock);
    }
    const deletes: UpdateShape["deletes"] = [];
    for (let clients = decoding.readVarUint(decoder); clients > 0; clients--) {
      const client = decoding.readVarUint(decoder);
      for (let ranges = decoding.readVarUint(decoder); ranges > 0; ranges--) {
        const clock = decoding.readVarUint(decoder);
        const len = nonEmpty(decoding.readVarUint(decoder));
        clockWithin(clock + len);
        deletes.push([client, clock, len]);
      }
    }
    return { ends, deletes };
  } catch (error) {
    if (error instanceof MalformedUpdateError) throw error;
    return malformed((error as Error).message ?? "unreadable");
  }
}
