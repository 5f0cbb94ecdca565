import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { EVENTS_CHANNEL, onProcessEventEverywhere, type ProcessEvent } from "@/lib/runtime/process-events";
import { until } from "./collab/harness";

describe("process events across instances", () => {
  it("delivers an event another instance published on Redis to this instance's listeners (dashboards), once", async () => {
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
      await new Promise((r) => setTimeout(r, 200));
      expect(received.filter((e) => e.id === event.id)).toHaveLength(1);
      expect(received[0]).toMatchObject({ processId: "p-remote", kind: "consensus" });
    } finally {
      off();
      other.disconnect();
      if (previous === undefined) delete process.env.REDIS_URL;
      else process.env.REDIS_URL = previous;
    }
  });
});
