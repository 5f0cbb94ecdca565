// `npm start`: prepare everything a fresh checkout needs, then serve.
// 1. configuration defaults and a generated secret, 2. migrations, 3. a build if
// none exists (with compile hints added to its scripts, which are then compressed once), 4. the demo process on an empty instance, 5. the server
// (bundled from the sources at start).
import "dotenv/config";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { dataDir, databaseUrl, isPostgresUrl, sqliteFile } from "../lib/db/config";
import { addCompileHints } from "../lib/runtime/compile-hints";
import { precompressAssets } from "../lib/runtime/precompressed-assets";
import { resolveAuthSecret } from "../lib/runtime/secret";

const root = path.resolve(__dirname, "..");
const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

function run(label: string, command: string, args: string[]): void {
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"], env: process.env });
  if (result.status !== 0) {
    console.error(`\n[accord] ${label} failed (exit ${result.status ?? result.signal}). See the output above.`);
    process.exit(1);
  }
  console.log(`[accord] ${label} done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT || 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${process.env.PORT}"`);
  mkdirSync(dataDir(), { recursive: true });
  process.env.DATABASE_URL = databaseUrl();
  process.env.NEXTAUTH_URL ||= `http://localhost:${port}`;
  process.env.NEXTAUTH_SECRET = resolveAuthSecret();
  (process.env as Record<string, string>).NODE_ENV = "production";

  const db = process.env.DATABASE_URL;
  console.log(`[accord] database: ${isPostgresUrl(db) ? "PostgreSQL" : `SQLite (${sqliteFile(db)})`}`);
  run("migrations", bin("prisma"), ["migrate", "deploy"]);

  const distDir = process.env.ACCORD_DIST_DIR || ".next";
  if (!existsSync(path.join(root, distDir, "BUILD_ID"))) {
    console.log("[accord] no build found — building the app once (about a minute)…");
    run("build", bin("next"), ["build"]);
  }
  try {
    addCompileHints(path.join(root, distDir));
  } catch (error) {
    // Only a speed-up: a build this process may not write to is served as it is.
    console.warn(`[accord] could not add compile hints to the build's scripts: ${String(error)}`);
  }
  try {
    const started = Date.now();
    const written = await precompressAssets(path.join(root, distDir));
    if (written) console.log(`[accord] compressed ${written} scripts and stylesheets in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    // Also only a speed-up: without the copies the server compresses on the fly.
    console.warn(`[accord] could not compress the build's scripts: ${String(error)}`);
  }

  if (process.env.ACCORD_DEMO !== "0") {
    run("demo data", bin("tsx"), ["--conditions=react-server", path.join(root, "scripts", "seed-demo.ts")]);
  }

  // One ES module bundled from the sources, as `npm run collab` runs (see bundle-server.mjs).
  const { bundleServer } = await import("./bundle-server.mjs");
  const { startServer } = (await import(pathToFileURL(bundleServer("server/index.ts", "server")).href)) as typeof import("../server/index");
  const started = await startServer({ port, dir: root, hostname: process.env.HOSTNAME || undefined });
  console.log(`[accord] ready on http://localhost:${started.port}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[accord] ${signal}: shutting down…`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await started.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error("[accord] could not start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
