// What storing alone costs: Accord's SQLite document store committing one update per
// commit, at the rate Accord's server committed in a run, on the server's core. Accord
// stores every update before relaying it; the stock servers keep documents in memory.
// This is the share of Accord's CPU that the comparison with them cannot remove.
import path from "node:path";
import { spawnPinned } from "./servers";
import { ROOT } from "./support";

export interface StorageFloor {
  commitsPerSecond: number;
  seconds: number;
  cpuPercent: number;
}

export async function runStorageFloor(databaseUrl: string, processId: string, commitsPerSecond: number, seconds: number): Promise<StorageFloor> {
  const input = { databaseUrl, processId, commitsPerSecond, seconds };
  const child = spawnPinned(0, ["--import", "tsx", path.join(ROOT, "bench", "storage-floor-child.ts"), JSON.stringify(input)], process.env);
  let out = "";
  let err = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const code = await new Promise<number>((resolve) => child.on("exit", (c) => resolve(c ?? 1)));
  if (code !== 0) throw new Error(`storage floor failed (${code}): ${err.slice(-1000)}`);
  const { cpuPercent } = JSON.parse(out.trim().split("\n").pop() ?? "{}") as { cpuPercent: number };
  return { commitsPerSecond: Math.round(commitsPerSecond * 10) / 10, seconds, cpuPercent };
}
