// The collaboration servers under test, each started in its own process pinned to
// core 0 (the load generator runs on core 1).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { collabKey, signCollabToken } from "../lib/collab/token";
import type { Target } from "./protocol-client";
import { freePort, ROOT } from "./support";

export const BENCH_SECRET = "benchmark-secret-0123456789abcdefghijkl";

export type ServerKind = "accord" | "y-websocket" | "hocuspocus" | "y-websocket-stored";
export const SERVER_LABEL: Record<ServerKind, string> = {
  accord: "Accord (auth, SQLite persistence, limits)",
  "y-websocket": "y-websocket 2.1.0 bin/server (in memory)",
  hocuspocus: "@hocuspocus/server 3.4.4 (in memory)",
  "y-websocket-stored": "y-websocket 2.1.0 + one SQLite commit per update before relaying (reference)",
};

/** Who the Accord tokens are for: a member of the process with an editing role. */
export interface AccordMember {
  processId: string;
  userId: string;
  groupId: string;
}

export interface RunningServer {
  kind: ServerKind;
  pid: number;
  /** A target for one document; for Accord the document is a process the member belongs to. */
  target: (documentId: string) => Target;
  stop: () => Promise<void>;
}

const pinned = spawnSync("which", ["taskset"]).status === 0;

/**
 * `node <args>` pinned to `core` where taskset exists. ACCORD_BENCH_SERVER_NODE_ARGS adds
 * Node flags to the servers on core 0 only, e.g. `--perf-basic-prof` for `perf record`
 * (docs/benchmarks-notes.md §17); the load generators stay as they are.
 */
export function spawnPinned(core: number, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const extra = core === 0 ? (process.env.ACCORD_BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean) : [];
  const command = pinned ? "taskset" : process.execPath;
  const full = pinned ? ["-c", String(core), process.execPath, ...extra, ...args] : [...extra, ...args];
  return spawn(command, full, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
}
export const isPinned = pinned;

export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (100/s)
}
export function rssKiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS"));
  return Number(line?.replace(/\D+/g, "") ?? 0);
}
export const rssMiB = (pid: number) => Math.round(rssKiB(pid) / 1024);

async function waitFor(child: ChildProcess, marker: string, what: string): Promise<void> {
  let log = "";
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 30_000;
  while (!log.includes(marker)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${what} did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const force = setTimeout(() => child.kill("SIGKILL"), 5000);
      child.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      child.kill("SIGTERM");
    });
}

export interface AccordOptions {
  databaseUrl: string;
  member: (documentId: string) => AccordMember;
  /** Extra environment, e.g. the fan-out coalescing window for before/after runs. */
  env?: Record<string, string>;
  /** Node's arguments for another build of the server (an A/B of two commits); default `npm run collab`'s. */
  command?: string[];
}

export async function startServer(kind: ServerKind, accord?: AccordOptions): Promise<RunningServer> {
  const port = await freePort();
  const base: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production" };
  if (kind === "accord") {
    if (!accord) throw new Error("Accord needs a database");
    // ACCORD_BENCH_PROFILE=<dir> writes a V8 CPU profile of the server (docs/benchmarks.md: profiles).
    const profile = process.env.ACCORD_BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.ACCORD_BENCH_PROFILE}`] : [];
    const child = spawnPinned(0, [...profile, ...(accord.command ?? [path.join(ROOT, "scripts", "collab.mjs")])], {
      ...base,
      ...accord.env,
      COLLAB_PORT: String(port),
      NEXTAUTH_SECRET: BENCH_SECRET,
      DATABASE_URL: accord.databaseUrl,
      REDIS_URL: "",
    });
    await waitFor(child, "listening", "Accord's collaboration server");
    const key = collabKey(BENCH_SECRET);
    return {
      kind,
      pid: child.pid!,
      stop: stopper(child),
      target: (documentId) => {
        const m = accord.member(documentId);
        const token = signCollabToken({ doc: m.processId, uid: m.userId, role: "editor", gid: m.groupId, name: "Bench" }, key, Math.floor(Date.now() / 1000));
        return { dialect: "y-websocket", url: `ws://127.0.0.1:${port}/collab/${m.processId}?token=${token}` };
      },
    };
  }
  if (kind === "y-websocket" || kind === "y-websocket-stored") {
    const script = kind === "y-websocket" ? path.join(ROOT, "node_modules", "y-websocket-v2", "bin", "server.cjs") : path.join(ROOT, "bench", "servers", "y-websocket-stored.mjs");
    if (kind === "y-websocket-stored" && !accord) throw new Error("the stored reference needs a data directory");
    const dataDir = accord ? path.dirname(accord.databaseUrl.replace(/^file:/, "")) : "";
    const child = spawnPinned(0, [script], { ...base, HOST: "127.0.0.1", PORT: String(port), DATA_DIR: dataDir });
    await waitFor(child, "running at", kind);
    return { kind, pid: child.pid!, stop: stopper(child), target: (documentId) => ({ dialect: "y-websocket", url: `ws://127.0.0.1:${port}/${documentId}` }) };
  }
  const child = spawnPinned(0, ["--import", "tsx", path.join(ROOT, "bench", "servers", "hocuspocus-server.ts")], { ...base, PORT: String(port) });
  await waitFor(child, "listening", "Hocuspocus");
  return {
    kind,
    pid: child.pid!,
    stop: stopper(child),
    target: (documentId) => ({ dialect: "hocuspocus", url: `ws://127.0.0.1:${port}`, documentName: documentId, token: "bench" }),
  };
}
