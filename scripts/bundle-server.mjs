// The server-side entry points (`npm run collab`, and the process `npm start` serves
// from) run as one ES module each, bundled from our TypeScript at start.
//
// Why: run through tsx, our TypeScript is loaded as CommonJS, where every imported
// binding — ours and every package's — is read through a getter function on every use.
// In the collaboration server's hot path that was about 8% of its CPU at ten typists
// (docs/benchmarks-notes.md §18). In one ES module our own code calls itself
// directly, and packages are Node's own ES module imports. Packages stay outside the
// bundle (resolved from node_modules as before); only the repository's code is joined.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Inside node_modules, so the bundle resolves packages exactly as the sources do. */
const OUT_DIR = path.join(ROOT, "node_modules", ".cache", "accord");
const KEEP = 4;

/**
 * Bundles `entry` (relative to the repository) and returns the bundle's path. Named by
 * its content, written by rename: several processes starting at once (the integration
 * tests start a few) never read a half-written file, and an unchanged build is reused.
 */
export function bundleServer(entry, name) {
  const result = buildSync({
    entryPoints: [path.join(ROOT, entry)],
    absWorkingDir: ROOT,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    tsconfig: path.join(ROOT, "tsconfig.json"),
    // No source map: Node would then parse every loaded package's map too (Next ships
    // 80 MB of them) at startup. The bundle keeps names and marks each source file with a
    // comment, so a stack trace's line is found by opening the file it names.
    outfile: path.join(OUT_DIR, `${name}.mjs`),
    write: false,
    logLevel: "warning",
  });
  const code = result.outputFiles[0].contents;
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 16);
  const file = path.join(OUT_DIR, `${name}-${hash}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(OUT_DIR, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, code);
    renameSync(temporary, file);
    prune(name, file);
  }
  return file;
}

/** Keeps the few newest bundles of this entry; a running process has its own in memory. */
function prune(name, keep) {
  const mine = readdirSync(OUT_DIR)
    .filter((f) => f.startsWith(`${name}-`) && f.endsWith(".mjs"))
    .map((f) => path.join(OUT_DIR, f))
    .filter((f) => f !== keep)
    .map((f) => ({ f, at: statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.at - a.at);
  for (const { f } of mine.slice(KEEP - 1)) rmSync(f, { force: true });
}
