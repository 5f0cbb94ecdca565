import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MESSAGE_EVENT } from "@/lib/collab/protocol";
import { emitProcessEvent } from "@/lib/runtime/process-events";
import type { Actor } from "@/lib/server/auth/actor";
import { connect, freePort, paragraphText, plainText, spawnCollab, storedDoc, synced, tokenFor, until, type Client, type Spawned, demoWorld } from "./harness";

let processId: string;
let editorA: Actor;
let editorB: Actor;
const clients: Client[] = [];
const servers: Spawned[] = [];

beforeEach(async () => {
  ({ processId, editorGov: editorA, editorIndustry: editorB } = await demoWorld());
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("collaboration: crash safety", () => {
  it("after kill -9 mid-typing and a restart, every edit another participant saw is there, nothing twice", { timeout: 60_000 }, async () => {
    const port = await freePort();
    servers.push(await spawnCollab(port));
    const url = `ws://127.0.0.1:${port}/collab`;
    const a = connect(url, processId, await tokenFor(editorA, processId));
    const b = connect(url, processId, await tokenFor(editorB, processId));
    clients.push(a, b);
    await Promise.all([synced(a), synced(b)]);
    const original = paragraphText(a, 0).toString();

    let typed = "";
    const type = (ch: string) => {
      const text = paragraphText(a, 0);
      text.insert(text.length, ch);
      typed += ch;
    };
    for (let i = 0; i < 120; i++) {
      type(String.fromCharCode(97 + (i % 26)));
      await sleep(3);
    }
    await servers[0].kill();
    const seenByB = paragraphText(b, 0).toString();
    expect(seenByB.length).toBeGreaterThan(original.length);

    // Durable before anyone saw it: the database already holds everything B received.
    const stored = (await storedDoc(processId)).getXmlFragment("default").toString();
    expect(stored).toContain(seenByB.slice(original.length));

    // A keeps typing while the server is down; the edits wait on A's side.
    for (let i = 0; i < 20; i++) type("Z");

    servers[0] = await spawnCollab(port);
    const c = connect(url, processId, await tokenFor(editorB, processId));
    clients.push(c);
    await synced(c);
    await until(() => paragraphText(c, 0).toString() === original + typed && plainText(a) === plainText(b) && plainText(b) === plainText(c), "all converge after restart", 20_000);
    expect(paragraphText(b, 0).toString()).toBe(original + typed);
  });
});

describe("collaboration: several instances over Redis", () => {
  it("relays a comment change made by the app to editors connected to another instance", { timeout: 30_000 }, async () => {
    const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";
    const port = await freePort();
    const other = await spawnCollab(port, { REDIS_URL: redisUrl });
    servers.push(other);
    const a = connect(other.url, processId, await tokenFor(editorA, processId));
    clients.push(a);
    await synced(a);
    const events: string[] = [];
    a.provider.messageHandlers[MESSAGE_EVENT] = (_e, decoder) => {
      events.push(new TextDecoder().decode(decoder.arr.subarray(decoder.pos)));
    };
    // This test process plays the app: it publishes through Redis, not in-process.
    const previous = process.env.REDIS_URL;
    process.env.REDIS_URL = redisUrl;
    try {
      emitProcessEvent({ processId, kind: "thread", threadId: "thread-from-another-instance" });
      await until(() => events.some((e) => e.includes("thread-from-another-instance")), "event crossed instances");
    } finally {
      if (previous === undefined) delete process.env.REDIS_URL;
      else process.env.REDIS_URL = previous;
    }
  });

  it("two instances share a document, and clients survive one instance being killed", { timeout: 60_000 }, async () => {
    const redis = { REDIS_URL: process.env.REDIS_URL || "redis://127.0.0.1:6379" };
    const [p1, p2] = [await freePort(), await freePort()];
    const one = await spawnCollab(p1, redis);
    const two = await spawnCollab(p2, redis);
    servers.push(one, two);
    const a = connect(one.url, processId, await tokenFor(editorA, processId));
    const b = connect(two.url, processId, await tokenFor(editorB, processId));
    clients.push(a, b);
    await Promise.all([synced(a), synced(b)]);

    paragraphText(a, 0).insert(0, "[via one] ");
    paragraphText(b, 1).insert(0, "[via two] ");
    await until(() => plainText(a).includes("[via two]") && plainText(b).includes("[via one]"), "instances relay each other's edits");
    a.provider.awareness.setLocalStateField("cursor", { anchor: 3 });
    await until(() => {
      const state = b.provider.awareness.getStates().get(a.doc.clientID) as { user?: { name: string } } | undefined;
      return state?.user?.name === "Kwame Mensah";
    }, "presence crosses instances, stamped by the server");

    await one.kill();
    // A moves to the surviving instance (as a load balancer would send it).
    a.provider.serverUrl = two.url;
    paragraphText(a, 2).insert(0, "[after failover] ");
    await until(() => plainText(b).includes("[after failover]") && plainText(a) === plainText(b), "converge after failover", 20_000);
    await until(async () => plainText(await storedDoc(processId)) === plainText(b), "stored document matches");
    expect(plainText(b).split("[via one]").length).toBe(2);
  });
});
