// A lean Yjs client for load generation that speaks both wire dialects under test:
// the y-websocket protocol (Accord, stock y-websocket) and Hocuspocus's (every message
// prefixed with the document name, authentication first). One core has to carry
// hundreds of these, so a typist keeps its own Y.Doc and makes real Yjs updates but
// does not integrate everyone else's (it reads and counts them); watchers do integrate
// every update, time each edit and check that the document converges.
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

export class ProtocolClient {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly stats: ClientStats = { messagesIn: 0, bytesIn: 0 };
  synced = false;
  private ws: WebSocket;
  private readonly opened: Promise<void>;
  private readonly onUpdates: Array<(update: Uint8Array, receivedAt: number) => void> = [];
  /** Accord only: the server's "stored up to" acknowledgements. */
  onPersisted: ((clocks: ClockMap) => void) | null = null;

  constructor(
    private readonly target: Target,
    private readonly integrate: boolean,
  ) {
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

  onUpdate(listener: (update: Uint8Array, receivedAt: number) => void): void {
    this.onUpdates.push(listener);
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

  close(): void {
    this.awareness.destroy();
    this.ws.terminate();
    this.doc.destroy();
  }

  private send(write: (encoder: encoding.Encoder) => void): void {
    if (this.ws.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    if (this.target.dialect === "hocuspocus") encoding.writeVarString(encoder, this.target.documentName ?? "");
    write(encoder);
    this.ws.send(encoding.toUint8Array(encoder));
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
    if (this.integrate) Y.applyUpdate(this.doc, payload, this);
    for (const listener of this.onUpdates) listener(payload, receivedAt);
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
