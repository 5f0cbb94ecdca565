import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * V8's explicit compile hint (Chrome 136+; other engines read a comment): with it on a
 * script's first line, Chromium compiles every function in it while the script is still
 * downloading, on a background thread. Without it each module's code is compiled on the
 * main thread the first time it runs, which on a first visit to a draft was the largest
 * single cost between the scripts arriving and the editor becoming editable
 * (docs/benchmarks-notes.md §15).
 */
export const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";

/**
 * Puts the hint at the top of every script the build made for the browser. Chunks are
 * split by route and loaded when needed, so nearly everything in a loaded chunk runs.
 * Idempotent, so it can run on every start (any build, however it was made, gets it);
 * a source map, if the build wrote one, is moved down by the added line. Returns how
 * many files it changed.
 */
export function addCompileHints(distDir: string): number {
  const chunks = path.join(distDir, "static", "chunks");
  if (!existsSync(chunks)) return 0;
  let changed = 0;
  for (const name of readdirSync(chunks, { recursive: true, encoding: "utf8" })) {
    if (!name.endsWith(".js")) continue;
    const file = path.join(chunks, name);
    const code = readFileSync(file, "utf8");
    if (code.startsWith(COMPILE_HINT)) continue;
    writeFileSync(file, COMPILE_HINT + code);
    changed++;
    const map = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(code)?.[1];
    const mapFile = map && !map.includes(":") ? path.join(path.dirname(file), map) : null;
    if (mapFile && existsSync(mapFile)) {
      const parsed = JSON.parse(readFileSync(mapFile, "utf8")) as { mappings?: string };
      if (typeof parsed.mappings === "string") writeFileSync(mapFile, JSON.stringify({ ...parsed, mappings: `;${parsed.mappings}` }));
    }
  }
  return changed;
}
