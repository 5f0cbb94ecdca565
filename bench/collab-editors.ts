// Benchmark: one draft, many editors, side by side on Accord's collaboration server
// (auth, SQLite persistence and limits on), stock y-websocket 2.1.0 and Hocuspocus
// 3.4.4, each in its own process on core 0 under the same load from core 1.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb } from "../lib/db/client";
import type { GeneratorInput, GeneratorResult } from "./editors-generator";
import { cpuSeconds, rssMiB, spawnPinned, startServer, type AccordMember, type ServerKind } from "./servers";
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

/** One server, one load: the generator in its own pinned process, CPU over the typing window. */
export async function runLoad(kind: ServerKind, load: Load, accord: { databaseUrl: string; member: AccordMember; env?: Record<string, string>; variant?: string }): Promise<EditorsRun> {
  const server = await startServer(kind, { databaseUrl: accord.databaseUrl, member: () => accord.member, env: accord.env });
  try {
    const input: GeneratorInput = { target: server.target("bench-draft"), typists: load.typists, idle: load.idle, seconds: load.seconds, rate: 3.3 };
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
      variant: accord.variant,
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
  } finally {
    await server.stop();
  }
}

export const SERVERS: ServerKind[] = ["accord", "y-websocket", "hocuspocus"];

export async function runEditorsBench(loads: Load[], log: (line: string) => void): Promise<EditorsRun[]> {
  // Every client registers listeners on the process.
  process.setMaxListeners(0);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "accord-bench-collab-"));
  try {
    const accord = await prepareAccord(dataDir);
    const out: EditorsRun[] = [];
    for (const load of loads) {
      for (const kind of SERVERS) {
        const run = await runLoad(kind, load, accord);
        log(`${kind} ${load.typists}/${load.typists + load.idle}: p95 ${run.p95Ms} ms, CPU ${run.serverCpuPercent}%, lag ${run.generatorLagP99Ms} ms${run.converged ? "" : ", NOT CONVERGED"}`);
        out.push(run);
      }
    }
    return out;
  } finally {
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
