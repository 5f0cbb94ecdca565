// `npm run bench:paired [-- rounds]`: the 10-typist comparison with the three servers
// typing at the same time, each under its own 10 typists, for many rounds. On a machine
// whose speed drifts from minute to minute (docs/benchmarks-notes.md §10), a server
// measured alone in its turn is compared with another measured in a different minute;
// here every round's figures share the minute, so their ratio is much steadier. Not part
// of `npm run bench` (about 9 minutes for 14 rounds); prints per-round figures and the
// ratio of Accord's mean CPU to each other server's, with its standard error.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { runLoadOn, SERVERS, startWarmedServers } from "./collab-editors";
import type { RunningServer, ServerKind } from "./servers";

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

async function main(): Promise<void> {
  process.setMaxListeners(0);
  const rounds = Number(process.argv[2] ?? 14);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "accord-bench-paired-"));
  const servers: RunningServer[] = [];
  try {
    // With the stock server plus a commit per update beside them: the floor for storing
    // every keystroke before relaying it (docs/benchmarks-notes.md §13).
    await startWarmedServers(dataDir, 15, servers, [...SERVERS, "y-websocket-stored"]);
    const cpu = new Map(servers.map((s) => [s.kind, [] as number[]]));
    for (let round = 0; round < rounds; round++) {
      // The load that starts first is measured while the others' clients connect and their
      // documents load on the same core. In an A/B of two Accord builds the first measured
      // about 0.3% of a core more, whichever build it was (notes §11): the order rotates.
      const order = servers.map((_, i) => (i + round) % servers.length);
      const started = order.map((i) => runLoadOn(servers[i], { typists: 10, idle: 0, seconds: 20 }, `bench-paired-${round}`));
      const runs = await Promise.all(servers.map((_, i) => started[order.indexOf(i)]));
      runs.forEach((run, i) => cpu.get(servers[i].kind)!.push(run.serverCpuPercent));
      console.log(`round ${round + 1}: ${runs.map((run, i) => `${servers[i].kind} ${run.serverCpuPercent}% (p95 ${run.p95Ms} ms, lag ${run.generatorLagP99Ms} ms)`).join(", ")}`);
    }
    const compare = (a: ServerKind, b: ServerKind) => {
      const xs = cpu.get(a)!;
      const ys = cpu.get(b)!;
      // Per-round ratios: their spread is the comparison's own noise.
      const ratios = xs.map((x, i) => x / Math.max(0.1, ys[i]));
      const m = mean(ratios);
      const standardError = Math.sqrt(ratios.reduce((sum, r) => sum + (r - m) ** 2, 0) / Math.max(1, ratios.length - 1) / ratios.length);
      console.log(`${a} ${mean(xs).toFixed(2)}% vs ${b} ${mean(ys).toFixed(2)}% of a core: ${(mean(xs) / mean(ys)).toFixed(2)}× (per-round ratio ${m.toFixed(2)} ± ${standardError.toFixed(2)})`);
    };
    for (const kind of cpu.keys()) if (kind !== "accord") compare("accord", kind);
    compare("y-websocket-stored", "y-websocket");
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error("[paired] failed:", error);
  process.exit(1);
});
