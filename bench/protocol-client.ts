// A lean Yjs client for load generation that speaks both wire dialects under test:
// the y-websocket protocol (Accord, stock y-websocket) and Hocuspocus's (every message
// prefixed with the document name, authentication first). One core has to carry
// hundreds of these, so a typist keeps its own Y.Doc and makes real Yjs updates but
// does not integrate everyone else's (it reads and counts them); watchers do integrate
// every update, time each edit and check that the document converges.
import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { MESSAGE_PERSISTED, readClockMap, type ClockMap } from "../lib/collab/protocol";

export type Dialect = "y-websocket" | "hocuspocus";

export interface Target {
  dialect: Dialect;
  /** Full websocket URL for this document (query string included). */
  url: string;
  /** Hocuspocus only: the document name prefixed to every message, and its auth token. */
  documentName?: string;
  token?: string;
}

const SYNC = 0;
const AWARENESS = 1;
const HP_AUTH = 2;
const HP_SYNC_REPLY = 4;

export interface ClientStats {
  messagesIn: number;
  bytesIn: number;
}

/** What both kinds of bench client say: the same messages, over a ws client or a raw socket. */
abstract class BenchClient {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly stats: ClientStats = { messagesIn: 0, bytesIn: 0 };

  constructor(protected readonly target: Target) {}

  protected abstract transmit(bytes: Uint8Array): void;

  /** Authentication (Hocuspocus) and sync step 1, as providers open a session. */
  protected hello(): void {
    if (this.target.dialect === "hocuspocus") {
      this.send((e) => {
        encoding.writeVarUint(e, HP_AUTH);
        encoding.writeVarUint(e, 0);
        encoding.writeVarString(e, this.target.token ?? "");
      });
    }
    this.send((e) => {
      encoding.writeVarUint(e, SYNC);
      syncProtocol.writeSyncStep1(e, this.doc);
    });
  }

  /** Sends a local Yjs update the way every provider does. */
  sendUpdate(update: Uint8Array): void {
    this.send((e) => {
      encoding.writeVarUint(e, SYNC);
      syncProtocol.writeUpdate(e, update);
    });
  }

  sendCursor(index: number): void {
    this.awareness.setLocalStateField("cursor", { anchor: index, head: index });
    const body = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [this.doc.clientID]);
    this.send((e) => {
      encoding.writeVarUint(e, AWARENESS);
      encoding.writeVarUint8Array(e, body);
    });
  }

  protected send(write: (encoder: encoding.Encoder) => void): void {
    const encoder = encoding.createEncoder();
    if (this.target.dialect === "hocuspocus") encoding.writeVarString(encoder, this.target.documentName ?? "");
    write(encoder);
    this.transmit(encoding.toUint8Array(encoder));
  }

  close(): void {
    this.awareness.destroy();
    this.doc.destroy();
  }
}

export class ProtocolClient extends BenchClient {
  synced = false;
  private ws: WebSocket;
  private readonly opened: Promise<void>;
  private readonly onUpdates: Array<(update: Uint8Array, receivedAt: number) => void> = [];
  /** Accord only: the server's "stored up to" acknowledgements. */
  onPersisted: ((clocks: ClockMap) => void) | null = null;

  constructor(
    target: Target,
    private readonly integrate: boolean,
  ) {
    super(target);
    this.ws = new WebSocket(target.url, { perMessageDeflate: false });
    this.ws.binaryType = "nodebuffer";
    this.opened = new Promise((resolve, reject) => {
      this.ws.once("open", () => resolve());
      this.ws.once("error", reject);
    });
    this.ws.on("message", (data: Buffer) => this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
  }

  async start(): Promise<void> {
    await this.opened;
    this.hello();
  }

  onUpdate(listener: (update: Uint8Array, receivedAt: number) => void): void {
    this.onUpdates.push(listener);
  }

  private held: Uint8Array[] | null = null;

  /**
   * Keeps incoming updates instead of integrating them until `integrateHeld`: a watcher
   * times edits from each update's metadata alone, and integrating a crowd's merged
   * updates as they come would stall the generator's event loop (and void the run).
   */
  holdUpdates(): void {
    this.held ??= [];
  }

  integrateHeld(): void {
    const held = this.held ?? [];
    this.held = null;
    if (held.length) Y.applyUpdate(this.doc, Y.mergeUpdates(held), this);
  }

  close(): void {
    super.close();
    this.ws.terminate();
  }

  protected transmit(bytes: Uint8Array): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(bytes);
  }

  private receive(data: Uint8Array): void {
    const receivedAt = performance.now();
    this.stats.messagesIn += 1;
    this.stats.bytesIn += data.byteLength;
    const decoder = decoding.createDecoder(data);
    if (this.target.dialect === "hocuspocus") decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_PERSISTED && this.target.dialect === "y-websocket") this.onPersisted?.(readClockMap(decoder));
    if (type !== SYNC && type !== HP_SYNC_REPLY) return;
    const step = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (step === syncProtocol.messageYjsSyncStep1) {
      // Answer with what the server lacks, as providers do (nothing, for a typist in sync).
      this.send((e) => {
        encoding.writeVarUint(e, SYNC);
        syncProtocol.writeSyncStep2(e, this.doc, payload);
      });
      return;
    }
    if (step === syncProtocol.messageYjsSyncStep2 && !this.synced) {
      Y.applyUpdate(this.doc, payload, this);
      this.synced = true;
      return;
    }
    if (this.held) this.held.push(payload);
    else if (this.integrate) Y.applyUpdate(this.doc, payload, this);
    for (const listener of this.onUpdates) listener(payload, receivedAt);
  }
}

/**
 * Raw typists' sockets are read in turns, a slice every 5 ms, each socket about every
 * 100 ms. Accord sends a whole crowd its merged updates in the same instant; reading
 * hundreds of sockets as they become readable made bursts of 20–30 ms in which the
 * generator's watchers could not timestamp anything (measured: event-loop p99 lag 28 ms
 * at 400 typists, 15 ms without reading at all). Taking turns keeps every socket
 * drained — the server's sends are not held back by a full window — and spreads the cost.
 */
const drainInTurns = new (class {
  private readonly sockets: Socket[] = [];
  private next = 0;
  private timer: NodeJS.Timeout | null = null;
  add(socket: Socket): void {
    this.sockets.push(socket);
    this.timer ??= setInterval(() => this.turn(), 5);
  }
  delete(socket: Socket): void {
    const at = this.sockets.indexOf(socket);
    if (at >= 0) this.sockets.splice(at, 1);
    if (!this.sockets.length && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
  private turn(): void {
    const slice = Math.ceil(this.sockets.length / 20);
    for (let i = 0; i < slice && this.sockets.length; i++) {
      this.next %= this.sockets.length;
      this.sockets[this.next++].resume();
    }
  }
})();

/**
 * A typist for crowds: starts from a copy of the draft (no initial sync), speaks
 * websocket framing itself over a plain TCP socket, and skips everything the server
 * sends without decoding it (answering pings only). With hundreds of typists the
 * generator then spends its core on typing, not on parsing everyone's broadcasts —
 * the typists' share of those is counted, never read.
 */
export class RawTypist extends BenchClient {
  private socket: Socket | null = null;
  private rest: Buffer | null = null;
  private skip = 0;
  private control: { opcode: number; parts: Buffer[] } | null = null;

  constructor(target: Target, draft: Uint8Array) {
    super(target);
    Y.applyUpdate(this.doc, draft);
  }

  async start(): Promise<void> {
    const url = new URL(this.target.url);
    const socket = connect(Number(url.port), url.hostname);
    socket.setNoDelay(true);
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      let head = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf("\r\n\r\n");
        if (end < 0) return;
        socket.off("data", onData);
        if (!head.subarray(0, 12).toString().includes(" 101")) return reject(new Error(`refused: ${head.subarray(0, end).toString()}`));
        // Read in turns (see drainInTurns) rather than whenever data arrives.
        socket.on("data", (data: Buffer) => {
          this.skipFrames(data);
          socket.pause();
        });
        socket.pause();
        drainInTurns.add(socket);
        if (head.length > end + 4) this.skipFrames(head.subarray(end + 4));
        resolve();
      };
      socket.on("data", onData);
      socket.once("error", reject);
      socket.once("connect", () =>
        socket.write(
          `GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
            `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
        ),
      );
    });
    socket.on("error", () => undefined);
    this.hello();
  }

  close(): void {
    super.close();
    if (this.socket) drainInTurns.delete(this.socket);
    this.socket?.destroy();
  }

  // A zero mask key leaves the payload as is; servers only require that frames are masked.
  protected transmit(bytes: Uint8Array, opcode = 0x2): void {
    if (!this.socket || this.socket.destroyed) return;
    const length = bytes.length;
    const headLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
    const frame = Buffer.alloc(headLength + 4 + length);
    frame[0] = 0x80 | opcode;
    if (length < 126) frame[1] = 0x80 | length;
    else if (length < 65536) {
      frame[1] = 0x80 | 126;
      frame.writeUInt16BE(length, 2);
    } else {
      frame[1] = 0x80 | 127;
      frame.writeBigUInt64BE(BigInt(length), 2);
    }
    frame.set(bytes, headLength + 4);
    this.socket.write(frame);
  }

  /** Walks frame headers only; payloads are skipped, except a ping's (answered) . */
  private skipFrames(chunk: Buffer): void {
    this.stats.bytesIn += chunk.length;
    const buf = this.rest ? Buffer.concat([this.rest, chunk]) : chunk;
    this.rest = null;
    let i = 0;
    while (i < buf.length) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, buf.length - i);
        this.control?.parts.push(buf.subarray(i, i + n));
        i += n;
        this.skip -= n;
        if (this.skip === 0) this.endControl();
        continue;
      }
      if (buf.length - i < 2) break;
      let length = buf[i + 1] & 0x7f;
      let headLength = 2;
      if (length === 126) {
        if (buf.length - i < 4) break;
        length = buf.readUInt16BE(i + 2);
        headLength = 4;
      } else if (length === 127) {
        if (buf.length - i < 10) break;
        length = Number(buf.readBigUInt64BE(i + 2));
        headLength = 10;
      }
      const opcode = buf[i] & 0x0f;
      if (opcode < 0x8 && buf[i] & 0x80) this.stats.messagesIn += 1;
      this.control = opcode === 0x9 ? { opcode, parts: [] } : null;
      i += headLength;
      this.skip = length;
      if (length === 0) this.endControl();
    }
    if (i < buf.length) this.rest = Buffer.from(buf.subarray(i));
  }

  private endControl(): void {
    if (this.control?.opcode === 0x9) this.transmit(Buffer.concat(this.control.parts), 0xa);
    this.control = null;
  }
}

/** Every text node of the Tiptap document, in order: one per clause. */
export function clauseTexts(doc: Y.Doc): Y.XmlText[] {
  const all: Y.XmlText[] = [];
  const walk = (node: Y.XmlFragment | Y.XmlElement) =>
    node.toArray().forEach((child) => (child instanceof Y.XmlText ? all.push(child) : child instanceof Y.XmlElement ? walk(child) : null));
  walk(doc.getXmlFragment("default"));
  return all;
}

/** The shape of a draft for servers that start empty: 6 sections of 5 clauses. */
export function seedDraft(doc: Y.Doc): void {
  const fragment = doc.getXmlFragment("default");
  doc.transact(() => {
    for (let s = 1; s <= 6; s++) {
      const heading = new Y.XmlElement("heading");
      heading.setAttribute("level", "2");
      heading.insert(0, [new Y.XmlText(`Section ${s}`)]);
      fragment.push([heading]);
      for (let c = 1; c <= 5; c++) {
        const paragraph = new Y.XmlElement("paragraph");
        paragraph.insert(0, [new Y.XmlText(`Clause ${s}.${c}: the country works with partners on digital public infrastructure, connectivity and capacity building.`)]);
        fragment.push([paragraph]);
      }
    }
  });
}
