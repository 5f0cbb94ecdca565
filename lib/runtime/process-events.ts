import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";

/**
 * "Something about this process changed, refetch it": how the app tells open
 * editors (through the collaboration server's sockets, which only members hold)
 * that a comment thread changed. In one process (`npm start`) the app and the
 * collaboration server share this emitter; across instances the events also go
 * through Redis (`accord:events`). Events carry ids, never content — clients
 * fetch what changed through the API, where permissions are checked.
 */
export interface ProcessEvent {
  id: string;
  processId: string;
  kind: "thread" | "consensus" | "signed_off";
  /** For "thread" events; empty otherwise. */
  threadId: string;
}

export const EVENTS_CHANNEL = "accord:events";

type Publisher = { publish: (channel: string, message: string) => Promise<unknown> };
const holder = globalThis as unknown as { accordEvents?: EventEmitter; accordEventsRedis?: Publisher | null; accordEventsBridge?: boolean };
const emitter = (holder.accordEvents ??= new EventEmitter().setMaxListeners(0));

async function redisPublisher(): Promise<Publisher | null> {
  if (holder.accordEventsRedis !== undefined) return holder.accordEventsRedis;
  const url = process.env.REDIS_URL;
  if (!url) return (holder.accordEventsRedis = null);
  const { Redis } = await import("ioredis");
  const client = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: false });
  client.on("error", () => undefined);
  return (holder.accordEventsRedis = client);
}

export function emitProcessEvent(event: Omit<ProcessEvent, "id">): void {
  const full: ProcessEvent = { ...event, id: randomUUID() };
  emitter.emit("event", full);
  void redisPublisher()
    .then((redis) => redis?.publish(EVENTS_CHANNEL, JSON.stringify(full)))
    .catch(() => undefined);
}

export function onProcessEvent(listener: (event: ProcessEvent) => void): () => void {
  emitter.on("event", listener);
  return () => emitter.off("event", listener);
}

/**
 * For listeners in the app (live dashboards): also receive events published by
 * other instances through Redis, once per process, de-duplicated by id.
 */
export function onProcessEventEverywhere(listener: (event: ProcessEvent) => void): () => void {
  const seen = new Set<string>();
  const once = (event: ProcessEvent) => {
    if (seen.has(event.id)) return;
    seen.add(event.id);
    if (seen.size > 2000) seen.delete(seen.values().next().value as string);
    listener(event);
  };
  const url = process.env.REDIS_URL;
  if (url && !holder.accordEventsBridge) {
    holder.accordEventsBridge = true;
    void import("ioredis").then(({ Redis }) => {
      const sub = new Redis(url, { maxRetriesPerRequest: null });
      sub.on("error", () => undefined);
      sub.on("message", (channel: string, message: string) => {
        if (channel !== EVENTS_CHANNEL) return;
        try {
          emitter.emit("remote-event", JSON.parse(message) as ProcessEvent);
        } catch {
          // not ours
        }
      });
      void sub.subscribe(EVENTS_CHANNEL);
    });
  }
  emitter.on("event", once);
  emitter.on("remote-event", once);
  return () => {
    emitter.off("event", once);
    emitter.off("remote-event", once);
  };
}
