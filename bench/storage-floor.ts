// What storing alone costs: Accord's SQLite document store committing one update per
// commit, at the rate Accord's server committed in a run, on the server's core — less the
// same process waking at the same rate without storing (a server is woken by the messages
// anyway; an idle process woken by a timer costs a few hundred microseconds per wake-up
// here, which would otherwise be charged to storage). Accord stores every update before
// relaying it; the stock servers keep documents in memory. This is the share of Accord's
// CPU that the comparison with them cannot remove.
import path from "node:path";
import { spawnPinned } from "./servers";
import { ROOT } from "./support";

export interface StorageFloor {
  commitsPerSecond: number;
  seconds: number;
  /** Appending less waking alone. */
  cpuPercent: number;
  appendingCpuPercent: number;
  wakingCpuPercent: number;
}

export async function runStorageFloor(databaseUrl: string, processId: string, commitsPerSecond: number, seconds: number): Promise<StorageFloor> {
  // Both at once: one on each core, so neither waits for the other.
  const [appending, waking] = await Promise.all([measure(databaseUrl, processId, commitsPerSecond, seconds, true, 0), measure(databaseUrl, processId, commitsPerSecond, seconds, false, 1)]);
  return {
    commitsPerSecond: Math.round(commitsPerSecond * 10) / 10,
    seconds,
    cpuPercent: Math.round(Math.max(0, appending - waking) * 10) / 10,
    appendingCpuPercent: appending,
    wakingCpuPercent: waking,
  };
}

async function measure(databaseUrl: string, processId: string, commitsPerSecond: number, seconds: number, append: boolean, core: number): Promise<number> {
  const input = { databaseUrl, processId, commitsPerSecond, seconds, append };
  const child = spawnPinned(core, ["--import", "tsx", path.join(ROOT, "bench", "storage-floor-child.ts"), JSON.stringify(input)], process.env);
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`storage floor failed (${code}): ${err.slice(-1000)}`);
  const { cpuPercent } = JSON.parse(out.trim().split("\n").pop() ?? "{}") as { cpuPercent: number };
  return cpuPercent;
}
