// Benchmark: one draft, many editors, side by side on Accord's collaboration server
// (auth, SQLite persistence and limits on), stock y-websocket 2.1.0 and Hocuspocus
// 3.4.4, each in its own process on core 0 under the same load from core 1.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "../lib/db/client";
import type { GeneratorInput, GeneratorResult } from "./editors-generator";
import { cpuSeconds, rssMiB, spawnPinned, startServer, type AccordMember, type RunningServer, type ServerKind } from "./servers";
import { freshCopies } from "./accord-drafts";
import { runStorageFloor, type StorageFloor } from "./storage-floor";
import { ROOT } from "./support";

export interface EditorsRun extends GeneratorResult {
  server: ServerKind;
  /** e.g. "accord, no coalescing" for the before/after fan-out comparison. */
  variant?: string;
  typists: number;
  connected: number;
  seconds: number;
  serverCpuPercent: number;
  serverRssPeakMiB: number;
  valid: boolean;
  /** Per round, when the load ran several times (the figures above are then medians). */
  rounds?: Array<{ cpuPercent: number; p95Ms: number }>;
}

/** A fresh SQLite database with the demo process seeded, as `npm start` makes it. */
export async function prepareAccord(dataDir: string): Promise<{ databaseUrl: string; member: AccordMember }> {
  const databaseUrl = `file:${path.join(dataDir, "accord.db")}`;
  const env = { ...process.env, DATABASE_URL: databaseUrl, ACCORD_DATA_DIR: dataDir };
  for (const args of [[path.join(ROOT, "node_modules", ".bin", "prisma"), "migrate", "deploy"], [path.join(ROOT, "node_modules", ".bin", "tsx"), "--conditions=react-server", path.join(ROOT, "scripts", "seed-demo.ts")]]) {
    const result = spawnSync(args[0], args.slice(1), { cwd: ROOT, env, stdio: "ignore" });
    if (result.status !== 0) throw new Error(`${args.join(" ")} failed`);
  }
  const db = createDb(databaseUrl);
  try {
    const m = await db.membership.findFirstOrThrow({ where: { role: "editor" } });
    return { databaseUrl, member: { processId: m.processId, userId: m.userId, groupId: m.groupId } };
  } finally {
    await db.$disconnect();
  }
}

export interface Load {
  typists: number;
  idle: number;
  seconds: number;
}

/** One server, one load: a server started for it (the crowd sweep); see runLoadOn. */
export async function runLoad(kind: ServerKind, load: Load, accord: AccordRun): Promise<EditorsRun> {
  const server = await startServer(kind, { databaseUrl: accord.databaseUrl, member: () => accord.member, env: accord.env });
  try {
    return await runLoadOn(server, load, "bench-draft", accord.variant);
  } finally {
    await server.stop();
  }
}

type AccordRun = { databaseUrl: string; member: AccordMember; env?: Record<string, string>; variant?: string };

/** One load on a running server: the generator in its own pinned process, CPU over the typing window. */
export async function runLoadOn(server: RunningServer, load: Load, documentId: string, variant?: string): Promise<EditorsRun> {
  const kind = server.kind;
  const input: GeneratorInput = { target: server.target(documentId), typists: load.typists, idle: load.idle, seconds: load.seconds, rate: 3.3 };
  // ACCORD_BENCH_PROFILE also profiles the load generator (its lag decides whether a run counts).
  const profile = process.env.ACCORD_BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.ACCORD_BENCH_PROFILE}/generator`] : [];
  const child = spawnPinned(1, [...profile, "--import", "tsx", path.join(ROOT, "bench", "editors-generator.ts"), JSON.stringify(input)], process.env);
  let out = "";
  let err = "";
  let cpuStart = 0;
  let cpuEnd = 0;
  let startedAt = 0;
  let endedAt = 0;
  let rssPeak = 0;
  const sampler = setInterval(() => {
    if (startedAt && !endedAt) rssPeak = Math.max(rssPeak, rssMiB(server.pid));
  }, 250);
  child.stdout!.on("data", (d: Buffer) => {
    out += d.toString();
    if (!startedAt && out.includes("typing-start\n")) {
      cpuStart = cpuSeconds(server.pid);
      startedAt = performance.now();
    }
    if (!endedAt && out.includes("typing-end\n")) {
      cpuEnd = cpuSeconds(server.pid);
      endedAt = performance.now();
    }
  });
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
  clearInterval(sampler);
  if (code !== 0 || !endedAt) throw new Error(`load generator failed (${code}): ${err.slice(-2000)}`);
  const result = JSON.parse(out.trim().split("\n").pop() ?? "{}") as GeneratorResult;
  const wall = (endedAt - startedAt) / 1000;
  return {
    server: kind,
    variant,
    typists: load.typists,
    connected: load.typists + load.idle + 2,
    seconds: load.seconds,
    ...result,
    serverCpuPercent: Math.round(((cpuEnd - cpuStart) / wall) * 1000) / 10,
    serverRssPeakMiB: rssPeak,
    // The generator must keep up: the process that timestamps arrivals must not lag, or
    // its delays would be charged to the server; the typists must type (nearly) what they
    // were asked to, or the server would be measured under less load than claimed.
    valid: result.generatorLagP99Ms <= 20 && result.edits >= 0.95 * result.expectedEdits,
  };
}

export const SERVERS: ServerKind[] = ["accord", "y-websocket", "hocuspocus"];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until a freshly started server is quiet: for its first tens of seconds V8 keeps
 * collecting garbage left by startup (its memory reducer), about 1% of a core for a
 * server that loads as much code as Accord's. A server in service has long passed that, so no server is
 * measured before it has (at most 60 s).
 */
async function settle(pid: number): Promise<number> {
  const started = performance.now();
  let before = cpuSeconds(pid);
  while (performance.now() - started < 60_000) {
    // Its collections come in bursts: judge over 5 s, not less.
    await sleep(5000);
    const now = cpuSeconds(pid);
    if (now - before <= 0.01) break; // at most one clock tick in 5 s: 0.2% of a core
    before = now;
  }
  return Math.round((performance.now() - started) / 1000);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Several rounds of one load on one server as one result: the median of each figure. */
function medianOf(runs: EditorsRun[]): EditorsRun {
  if (runs.length === 1) return runs[0];
  const cpu = median(runs.map((r) => r.serverCpuPercent));
  const base = runs.find((r) => r.serverCpuPercent === cpu)!;
  return {
    ...base,
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p95Ms: median(runs.map((r) => r.p95Ms)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    valid: runs.every((r) => r.valid),
    converged: runs.every((r) => r.converged),
    rounds: runs.map((r) => ({ cpuPercent: r.serverCpuPercent, p95Ms: r.p95Ms })),
  };
}

/**
 * The three servers started together on a fresh demo database, each warmed with a load of
 * its own, then settled. Each goes into `servers` as it starts, so the caller's cleanup
 * stops it even if a later one fails.
 */
export async function startWarmedServers(
  dataDir: string,
  warmUpSeconds: number,
  servers: RunningServer[],
  kinds: ServerKind[] = SERVERS,
): Promise<{ accord: { databaseUrl: string; member: AccordMember }; settledAfterS: number[] }> {
  const accord = await prepareAccord(dataDir);
  // Every run gets a new document on every server: the stock servers' start empty and are
  // seeded with the draft's shape, Accord's are copies of the demo draft.
  const member = freshCopies(path.join(dataDir, "accord.db"), accord.member);
  for (const kind of kinds) servers.push(await startServer(kind, { databaseUrl: accord.databaseUrl, member }));
  // A server in service has long compiled its hot paths and sized its heap; one started
  // seconds ago has not. Warm each server with a crowd of its own (100 typists, 15 s; quick
  // mode 8 s), then let it settle before anything is measured. All at once: warmed one
  // after the other, the first server sat idle longest before the rounds and measured up
  // to 2% of a core more for the first five of them, whichever server it was (two
  // identical Accord servers: +1.2% of a core on average over those rounds; warmed
  // together: no difference; docs/benchmarks-notes.md §13). Accord was always first.
  await Promise.all(servers.map((server) => runLoadOn(server, { typists: 100, idle: 0, seconds: warmUpSeconds }, "bench-warm-up")));
  // The crowd does not run every path ten typists do (one update per flush, a lone
  // author's acknowledgement, presence carried on a single update). After it alone, Accord's V8 still optimized about 100
  // functions during its first 10-typist round and 45 during the second, 0.4% of a core
  // in a profile of that round (docs/benchmarks-notes.md §12). So the small load warms
  // each server too, twice as long, all three at once as in `bench:paired`.
  await Promise.all(servers.map((server) => runLoadOn(server, { typists: 10, idle: 0, seconds: 2 * warmUpSeconds }, "bench-warm-up-small")));
  return { accord, settledAfterS: await Promise.all(servers.map((server) => settle(server.pid))) };
}

/**
 * The three servers side by side: all started together (idle ones cost nothing once
 * settled), each load run on each in turn, the order rotating from round to round so
 * no server always goes first. Loads with several rounds report medians.
 */
export async function runEditorsBench(
  loads: Array<Load & { rounds?: number }>,
  log: (line: string) => void,
  warmUpSeconds = 15,
  /** Also measure what storing alone costs (about 30 s: `--full` only, quick mode has five minutes for everything). */
  withStorageFloor = true,
): Promise<{ runs: EditorsRun[]; storageFloor: StorageFloor | null }> {
  // Every client registers listeners on the process.
  process.setMaxListeners(0);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "accord-bench-collab-"));
  const servers: RunningServer[] = [];
  try {
    const { accord, settledAfterS: waited } = await startWarmedServers(dataDir, warmUpSeconds, servers);
    log(`servers warmed, settled after ${servers.map((server, i) => `${server.kind} ${waited[i]} s`).join(", ")}`);
    const out: EditorsRun[] = [];
    for (const load of loads) {
      const rounds = new Map<ServerKind, EditorsRun[]>(SERVERS.map((kind) => [kind, []]));
      for (let round = 0; round < (load.rounds ?? 1); round++) {
        for (let i = 0; i < servers.length; i++) {
          const server = servers[(i + round) % servers.length];
          const run = await runLoadOn(server, load, `bench-draft-${load.typists}-${load.idle}-${round}`);
          log(`${server.kind} ${load.typists}/${load.typists + load.idle}${load.rounds ? ` round ${round + 1}` : ""}: p95 ${run.p95Ms} ms, CPU ${run.serverCpuPercent}%, lag ${run.generatorLagP99Ms} ms${run.converged ? "" : ", NOT CONVERGED"}`);
          rounds.get(server.kind)!.push(run);
        }
      }
      for (const kind of SERVERS) out.push(medianOf(rounds.get(kind)!));
    }
    // What storing alone costs at the lightest load's commit rate (one commit per edit there:
    // updates arrive tens of milliseconds apart, so a group commit holds one).
    const lightest = out.find((r) => r.server === "accord");
    let storageFloor: StorageFloor | null = null;
    if (lightest && withStorageFloor) {
      storageFloor = await runStorageFloor(accord.databaseUrl, accord.member.processId, lightest.edits / lightest.seconds, lightest.seconds);
      log(`storage floor: ${storageFloor.cpuPercent}% of a core for ${storageFloor.commitsPerSecond} commits/s`);
    }
    return { runs: out, storageFloor };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export interface CrowdResult {
  runs: EditorsRun[];
  /** Per server (and Accord without coalescing): the largest N with p95 < 250 ms, valid and converged. */
  largest: Array<{ label: string; typists: number | null; stoppedBecause: string }>;
}

/**
 * Etherpad-style crowd: N typists at 4 characters every 200 ms would be the
 * protocol of its own load test; ours type 3.3/s each like the tiers above.
 * Each server climbs until it fails the bar; Accord also runs with the fan-out
 * coalescing window off ("before") to show what it buys.
 */
export async function runCrowdSweep(ns: number[], seconds: number, log: (line: string) => void): Promise<CrowdResult> {
  process.setMaxListeners(0);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "accord-bench-crowd-"));
  try {
    const variants: Array<{ kind: ServerKind; label: string; env?: Record<string, string> }> = [
      { kind: "accord", label: "Accord" },
      { kind: "accord", label: "Accord, no coalescing (before)", env: { ACCORD_COALESCE_MAX_MS: "0" } },
      { kind: "y-websocket", label: "y-websocket 2.1.0" },
      { kind: "hocuspocus", label: "Hocuspocus 3.4.4" },
    ];
    const runs: EditorsRun[] = [];
    const largest: CrowdResult["largest"] = [];
    for (const variant of variants) {
      let best: number | null = null;
      let stoppedBecause = "swept to the end";
      for (const n of ns) {
        let run: EditorsRun;
        try {
          // A fresh database for every step, as the stock servers start fresh: otherwise each
          // step would find the draft grown by every earlier step's typing.
          const accord = await prepareAccord(mkdtempSync(path.join(dataDir, "step-")));
          run = await runLoad(variant.kind, { typists: n, idle: 0, seconds }, { ...accord, env: variant.env, variant: variant.label });
        } catch (error) {
          stoppedBecause = `${n}: run failed (${String(error).slice(0, 120)})`;
          break;
        }
        runs.push(run);
        log(`crowd ${variant.label} ${n}: p95 ${run.p95Ms} ms, CPU ${run.serverCpuPercent}%, lag ${run.generatorLagP99Ms} ms`);
        if (!run.valid) {
          stoppedBecause = `${n}: load generator saturated (lag p99 ${run.generatorLagP99Ms} ms, ${run.edits} of ${run.expectedEdits} edits typed)`;
          break;
        }
        if (!run.converged || run.p95Ms >= 250) {
          stoppedBecause = `${n}: ${run.converged ? `p95 ${run.p95Ms} ms` : "edits lost or replicas diverged"}`;
          break;
        }
        best = n;
      }
      largest.push({ label: variant.label, typists: best, stoppedBecause });
    }
    return { runs, largest };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
