// `npm run bench` (quick, under 5 minutes) or `npm run bench -- --full` (adds the crowd
// sweep and more): runs the benchmarks, writes bench/results/<date>.json and the
// report in docs/benchmarks.md. Timing targets live here, never in the test suite.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runBundleBench } from "./bundle-budget";
import { runColdLoadBench } from "./cold-load";
import { runCrowdSweep, runEditorsBench } from "./collab-editors";
import { runManyDrafts } from "./many-drafts";
import { renderReport, type BenchResults } from "./report";
import { isPinned } from "./servers";
import { machine, ROOT } from "./support";
import { runTracesBench } from "./traces";

async function main(): Promise<void> {
  const full = process.argv.includes("--full");
  const started = Date.now();
  const env = machine();
  const log = (line: string) => console.log(`[bench] +${Math.round((Date.now() - started) / 1000)} s ${line}`);
  log(`${env.cpu} × ${env.cores}, ${env.memoryGiB} GiB, node ${env.node}, commit ${env.commit}, ${full ? "full" : "quick"} mode`);
  const seconds = full ? 20 : 8;
  log("one draft, many editors: Accord, y-websocket, Hocuspocus …");
  const { runs: editors, storageFloor } = await runEditorsBench(
    [
      // A few percent of a core, where one garbage collection shows: five rounds in --full.
      { typists: 10, idle: 0, seconds, rounds: full ? 5 : 1 },
      { typists: 50, idle: 0, seconds },
      { typists: 50, idle: 148, seconds },
    ],
    log,
    // Quick mode has five minutes for everything.
    full ? 15 : 8,
    full,
  );
  const crowd = full ? (log("crowd sweep …"), await runCrowdSweep([50, 100, 200, 400, 800], 10, log)) : null;
  // Quick mode runs only the tier the target is set at, to stay under five minutes.
  log("many drafts …");
  const drafts = await runManyDrafts(full ? [100, 500, 1000] : [1000], log);
  log("editing traces …");
  const traces = await runTracesBench(full, log);
  log("bundle budget …");
  const bundles = await runBundleBench();
  log("cold load: 200 clauses, 50,000 words, 5,000 comments, fast link and Slow 4G …");
  const coldLoad = await runColdLoadBench(log, full ? 3 : 1);
  const results: BenchResults = {
    machine: env,
    command: full ? "npm run bench -- --full" : "npm run bench",
    pinned: isPinned,
    durationS: Math.round((Date.now() - started) / 1000),
    editors,
    storageFloor,
    crowd,
    drafts,
    traces,
    bundles,
    coldLoad,
  };
  mkdirSync(path.join(ROOT, "bench", "results"), { recursive: true });
  writeFileSync(path.join(ROOT, "bench", "results", `${env.date.slice(0, 19).replace(/:/g, "-")}.json`), JSON.stringify(results, null, 2));
  const report = renderReport(results);
  writeFileSync(path.join(ROOT, "docs", "benchmarks.md"), report);
  console.log(report);
  log(`wrote docs/benchmarks.md in ${results.durationS} s`);
}

main().catch((error: unknown) => {
  console.error("[bench] failed:", error);
  process.exit(1);
});
