// Benchmark: one draft, many editors typing, against Accord's collaboration server
// (auth, persistence to SQLite, limits all on) in its own process.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { MESSAGE_EVENT, MESSAGE_PERSISTED } from "../lib/collab/protocol";
import { collabKey, signCollabToken } from "../lib/collab/token";
import { createDb } from "../lib/db/client";
import { freePort, percentile, ROOT } from "./support";

const SECRET = "benchmark-secret-0123456789abcdefghijkl";

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (100/s)
}
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS"));
  return Math.round(Number(line?.replace(/\D+/g, "") ?? 0) / 1024);
}

export interface EditorsTier {
  typists: number;
  seconds: number;
  edits: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  serverCpuPercent: number;
  serverRssMiB: number;
  generatorLagP99Ms: number;
  valid: boolean;
}

async function prepare(dataDir: string): Promise<{ processId: string; userId: string; groupId: string }> {
  const env = { ...process.env, DATABASE_URL: `file:${path.join(dataDir, "accord.db")}`, ACCORD_DATA_DIR: dataDir };
  for (const args of [[path.join(ROOT, "node_modules", ".bin", "prisma"), "migrate", "deploy"], [path.join(ROOT, "node_modules", ".bin", "tsx"), "--conditions=react-server", path.join(ROOT, "scripts", "seed-demo.ts")]]) {
    const result = spawnSync(args[0], args.slice(1), { cwd: ROOT, env, stdio: "ignore" });
    if (result.status !== 0) throw new Error(`${args.join(" ")} failed`);
  }
  const db = createDb(env.DATABASE_URL);
  try {
    const m = await db.membership.findFirstOrThrow({ where: { role: "editor" } });
    return { processId: m.processId, userId: m.userId, groupId: m.groupId };
  } finally {
    await db.$disconnect();
  }
}

export interface GeneratorResult {
  edits: number;
  latencies: number[];
  generatorLagP99Ms: number;
}

/** The load: runs in its own process (pinned to the other core) so it does not share the server's. */
export async function generate(url: string, ids: { processId: string; userId: string; groupId: string }, typists: number, seconds: number): Promise<GeneratorResult> {
  process.setMaxListeners(0);
  const key = collabKey(process.env.ACCORD_BENCH_SECRET ?? SECRET);
  const token = () => signCollabToken({ doc: ids.processId, uid: ids.userId, role: "editor", gid: ids.groupId, name: "Bench" }, key, Math.floor(Date.now() / 1000));
  const clients = Array.from({ length: typists + 2 }, () => {
    const doc = new Y.Doc();
    const provider = new WebsocketProvider(url, ids.processId, doc, { params: { token: token() }, WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true });
    // Accord's own messages (stored-acknowledgements, change notices) need no handling here.
    provider.messageHandlers[MESSAGE_PERSISTED] = () => undefined;
    provider.messageHandlers[MESSAGE_EVENT] = () => undefined;
    return { doc, provider };
  });
  await new Promise<void>((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const check = () => (clients.every((c) => c.provider.synced) ? resolve() : Date.now() > deadline ? reject(new Error("clients did not sync")) : setTimeout(check, 50));
    check();
  });
  // Two clients only watch: they time when each edit (client id, clock) reaches them.
  const sent = new Map<number, Map<number, number>>();
  const latencies: number[] = [];
  for (const watcher of clients.slice(typists)) {
    watcher.doc.on("update", (update: Uint8Array) => {
      const now = performance.now();
      for (const [client, clock] of Y.parseUpdateMeta(update).to) {
        const pending = sent.get(client);
        if (!pending) continue;
        for (const [c, t] of pending) {
          if (c < clock) {
            latencies.push(now - t);
            pending.delete(c);
          }
        }
      }
    });
  }
  const typing = clients.slice(0, typists);
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  let edits = 0;
  const timers = typing.map((c, i) => {
    const texts = () => {
      const all: Y.XmlText[] = [];
      const walk = (n: Y.XmlFragment | Y.XmlElement) => n.toArray().forEach((x) => (x instanceof Y.XmlText ? all.push(x) : x instanceof Y.XmlElement ? walk(x) : null));
      walk(c.doc.getXmlFragment("default"));
      return all;
    };
    const text = texts()[i % 30];
    // 3.3 characters per second each, started at staggered times.
    return setTimeout(function type() {
      const clock = Y.getState(c.doc.store, c.doc.clientID);
      text.insert(Math.min(text.length, 5 + (edits % 20)), "x");
      const mine = sent.get(c.doc.clientID) ?? new Map<number, number>();
      mine.set(clock, performance.now());
      sent.set(c.doc.clientID, mine);
      edits += 1;
      timers[i] = setTimeout(type, 300);
    }, Math.random() * 300);
  });
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  timers.forEach((t) => clearTimeout(t));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  lag.disable();
  for (const c of clients) {
    c.provider.destroy();
    c.doc.destroy();
  }
  return { edits, latencies, generatorLagP99Ms: lag.percentile(99) / 1e6 };
}

async function runTier(url: string, serverPid: number, ids: { processId: string; userId: string; groupId: string }, typists: number, seconds: number, taskset: boolean): Promise<EditorsTier> {
  const cpuBefore = cpuSeconds(serverPid);
  const started = performance.now();
  const args = [...(taskset ? ["-c", "1", process.execPath] : []), "--import", "tsx", path.join(ROOT, "bench", "editors-generator.ts"), JSON.stringify({ url, ids, typists, seconds })];
  const child = spawn(taskset ? "taskset" : process.execPath, args, { cwd: ROOT, env: { ...process.env, ACCORD_BENCH_SECRET: SECRET }, stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`load generator failed (${code})`);
  const result = JSON.parse(out.trim().split("\n").pop() ?? "{}") as GeneratorResult;
  const wall = (performance.now() - started) / 1000;
  const cpu = cpuSeconds(serverPid) - cpuBefore;
  const { latencies } = result;
  return {
    typists,
    seconds,
    edits: result.edits,
    p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
    p95Ms: Math.round(percentile(latencies, 95) * 10) / 10,
    p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
    serverCpuPercent: Math.round((cpu / wall) * 1000) / 10,
    serverRssMiB: rssMiB(serverPid),
    generatorLagP99Ms: Math.round(result.generatorLagP99Ms * 10) / 10,
    valid: result.generatorLagP99Ms <= 20,
  };
}

export async function runEditorsBench(tiers: number[], seconds: number): Promise<EditorsTier[]> {
  // Every y-websocket provider registers a process exit hook.
  process.setMaxListeners(0);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "accord-bench-collab-"));
  const ids = await prepare(dataDir);
  const port = await freePort();
  const taskset = spawnSync("which", ["taskset"]).status === 0;
  const command = taskset ? "taskset" : process.execPath;
  const args = [...(taskset ? ["-c", "0", process.execPath] : []), "--import", "tsx", path.join(ROOT, "collab", "index.ts")];
  const server = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", COLLAB_PORT: String(port), NEXTAUTH_SECRET: SECRET, DATABASE_URL: `file:${path.join(dataDir, "accord.db")}`, REDIS_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  server.stdout.on("data", (d: Buffer) => (log += d.toString()));
  server.stderr.on("data", (d: Buffer) => (log += d.toString()));
  try {
    const deadline = Date.now() + 30_000;
    while (!log.includes("listening")) {
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`collab server did not start: ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const out: EditorsTier[] = [];
    for (const typists of tiers) out.push(await runTier(`ws://127.0.0.1:${port}/collab`, server.pid!, ids, typists, seconds, taskset));
    return out;
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 500));
    rmSync(dataDir, { recursive: true, force: true });
  }
}
