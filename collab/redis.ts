import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { EVENTS_CHANNEL, type ProcessEvent } from "@/lib/runtime/process-events";

const KIND_UPDATE = 1;
const KIND_AWARENESS = 2;
const ID_BYTES = 16;

export interface BusHandlers {
  update: (docId: string, update: Uint8Array) => void;
  awareness: (docId: string, body: Uint8Array) => void;
  /** App events (comments changed …) published by any app instance on EVENTS_CHANNEL. */
  event: (event: ProcessEvent) => void;
}

/**
 * Scale-out: every instance publishes the updates it has stored and the presence
 * it has stamped, per document, on `accord:collab:<id>`; instances with that
 * document open apply them. Messages carry the sender's instance id so nobody
 * re-applies its own.
 */
export class RedisBus {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly instance = randomBytes(ID_BYTES);
  private readonly channels = new Set<string>();

  constructor(url: string, private readonly handlers: BusHandlers, log: (m: string, e?: unknown) => void) {
    const options = { lazyConnect: false, maxRetriesPerRequest: null, enableAutoPipelining: true };
    this.pub = new Redis(url, options);
    this.sub = new Redis(url, options);
    for (const client of [this.pub, this.sub]) client.on("error", (error) => log("redis error", error));
    this.sub.on("messageBuffer", (channel: Buffer, message: Buffer) => this.receive(channel.toString(), message));
  }

  /** Fails (instead of waiting forever) when Redis cannot be reached at start. */
  async ready(timeoutMs = 10_000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`could not reach Redis within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    try {
      await Promise.race([Promise.all([this.pub.ping(), this.sub.ping()]).then(() => this.sub.subscribe(EVENTS_CHANNEL)), timeout]);
    } catch (error) {
      await this.close();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private channel(docId: string): string {
    return `accord:collab:${docId}`;
  }

  async join(docId: string): Promise<void> {
    const channel = this.channel(docId);
    if (this.channels.has(channel)) return;
    this.channels.add(channel);
    await this.sub.subscribe(channel);
  }

  async leave(docId: string): Promise<void> {
    const channel = this.channel(docId);
    if (!this.channels.delete(channel)) return;
    await this.sub.unsubscribe(channel);
  }

  publishUpdate(docId: string, update: Uint8Array): void {
    this.publish(docId, KIND_UPDATE, update);
  }

  publishAwareness(docId: string, body: Uint8Array): void {
    this.publish(docId, KIND_AWARENESS, body);
  }

  private publish(docId: string, kind: number, payload: Uint8Array): void {
    const message = Buffer.allocUnsafe(1 + ID_BYTES + payload.byteLength);
    message[0] = kind;
    this.instance.copy(message, 1);
    message.set(payload, 1 + ID_BYTES);
    void this.pub.publish(this.channel(docId), message).catch(() => undefined);
  }

  private receive(channel: string, message: Buffer): void {
    if (channel === EVENTS_CHANNEL) {
      try {
        this.handlers.event(JSON.parse(message.toString()) as ProcessEvent);
      } catch {
        // not ours
      }
      return;
    }
    if (message.length < 1 + ID_BYTES || message.subarray(1, 1 + ID_BYTES).equals(this.instance)) return;
    const docId = channel.slice("accord:collab:".length);
    const payload = new Uint8Array(message.buffer, message.byteOffset + 1 + ID_BYTES, message.length - 1 - ID_BYTES);
    if (message[0] === KIND_UPDATE) this.handlers.update(docId, payload);
    else if (message[0] === KIND_AWARENESS) this.handlers.awareness(docId, payload);
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }
}
