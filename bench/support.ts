import { spawn, type ChildProcess } from "node:child_process";
import { execSync } from "node:child_process";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "..");

export function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    commit: (() => {
      try {
        return execSync("git rev-parse --short HEAD", { cwd: ROOT }).toString().trim();
      } catch {
        return "unknown";
      }
    })(),
    date: new Date().toISOString(),
  };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** `npm start` against a fresh data directory; resolves when the server says it is ready. */
export async function startApp(
  dataDir: string,
  port: number,
  /** Where the browser reaches it, if not directly (e.g. through a byte counter). */
  publicUrl = `http://localhost:${port}`,
): Promise<{ child: ChildProcess; stop: () => Promise<void>; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "start.ts")], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), ACCORD_DATA_DIR: dataDir, DATABASE_URL: "", NEXTAUTH_URL: publicUrl, NEXTAUTH_SECRET: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 240_000;
  while (!log.includes("[accord] ready on")) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`app did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    child,
    url: publicUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
