import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { emitProcessEvent, EVENTS_CHANNEL, onProcessEventEverywhere, type ProcessEvent } from "@/lib/runtime/process-events";
import { until } from "./collab/harness";

describe("process events across instances", () => {
  it("delivers events published on Redis by other instances, and this instance's own, to its listeners once each", async () => {
    const url = process.env.REDIS_URL || "redis://127.0.0.1:6379";
    const previous = process.env.REDIS_URL;
    process.env.REDIS_URL = url;
    const received: ProcessEvent[] = [];
    const off = onProcessEventEverywhere((event) => received.push(event));
    const other = new Redis(url);
    try {
      const event: ProcessEvent = { id: randomUUID(), processId: "p-remote", kind: "consensus", threadId: "" };
      // The bridge subscribes asynchronously; publish until it is listening.
      await until(async () => {
        await other.publish(EVENTS_CHANNEL, JSON.stringify(event));
        await new Promise((r) => setTimeout(r, 100));
        return received.length > 0;
      }, "remote event delivered");
      await other.publish(EVENTS_CHANNEL, JSON.stringify(event));
      await new Promise((r) => setTimeout(r, 200));
      expect(received.filter((e) => e.id === event.id)).toHaveLength(1);
      expect(received[0]).toMatchObject({ processId: "p-remote", kind: "consensus" });

      // An event of this instance reaches its listeners directly and comes back from
      // Redis as well: they still see it once.
      const tap = new Redis(url);
      const onChannel: string[] = [];
      tap.on("message", (_channel: string, message: string) => onChannel.push((JSON.parse(message) as ProcessEvent).processId));
      await tap.subscribe(EVENTS_CHANNEL);
      emitProcessEvent({ processId: "p-local", kind: "thread", threadId: "t1" });
      await until(() => onChannel.includes("p-local"), "local event published on Redis");
      await new Promise((r) => setTimeout(r, 200));
      tap.disconnect();
      expect(received.filter((e) => e.processId === "p-local")).toHaveLength(1);
    } finally {
      off();
      other.disconnect();
      if (previous === undefined) delete process.env.REDIS_URL;
      else process.env.REDIS_URL = previous;
    }
  });
});
