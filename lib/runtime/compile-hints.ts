import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * V8's explicit compile hint (Chrome 136+; other engines read a comment): with it on a
 * script's first line, Chromium compiles every function in it while the script is still
 * downloading, on a background thread. Without it each module's code is compiled on the
 * main thread the first time it runs, which on a first visit to a draft was the largest
 * single cost between the scripts arriving and the page hydrating
 * (docs/benchmarks-notes.md §15).
 */
export const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";
const HINT = Buffer.from(COMPILE_HINT);
/** Set in a source map once it has been moved down for the hint. */
const MAP_MARK = "x_accordCompileHint";

type SourceMap = { mappings?: string; sections?: Array<{ offset: { line: number; column: number } }>; [MAP_MARK]?: boolean };

/** Replaces a file in one step: a server already serving this build never sends half of one. */
function replaceFile(file: string, content: Buffer | string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

/** Moves a map's lines down by one, once (the mark makes a second start, or a crash before the script was rewritten, harmless). */
function shiftMap(mapFile: string): void {
  const map = JSON.parse(readFileSync(mapFile, "utf8")) as SourceMap;
  if (map[MAP_MARK]) return;
  if (Array.isArray(map.sections)) for (const section of map.sections) section.offset.line += 1;
  else if (typeof map.mappings === "string") map.mappings = `;${map.mappings}`;
  else return;
  replaceFile(mapFile, JSON.stringify({ ...map, [MAP_MARK]: true }));
}

/**
 * Puts the hint at the top of every script the build made for the browser. Chunks are
 * split by route and loaded when needed, so nearly everything in a loaded chunk runs.
 * Idempotent, so it runs on every start (any build, however it was made, gets it); a
 * source map, if the build wrote one, is moved down by the added line. Returns how many
 * scripts it changed.
 */
export function addCompileHints(distDir: string): number {
  const chunks = path.join(distDir, "static", "chunks");
  if (!existsSync(chunks)) return 0;
  let changed = 0;
  for (const name of readdirSync(chunks, { recursive: true, encoding: "utf8" })) {
    if (!name.endsWith(".js")) continue;
    const file = path.join(chunks, name);
    const code = readFileSync(file);
    if (code.subarray(0, HINT.length).equals(HINT)) continue;
    const tail = code.subarray(Math.max(0, code.length - 300)).toString("latin1");
    const map = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(tail)?.[1];
    const mapFile = map && !map.includes(":") ? path.join(path.dirname(file), map) : null;
    if (mapFile && existsSync(mapFile)) shiftMap(mapFile);
    replaceFile(file, Buffer.concat([HINT, code]));
    changed++;
  }
  return changed;
}
