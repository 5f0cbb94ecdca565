import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { addCompileHints, COMPILE_HINT } from "./compile-hints";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function build(files: Record<string, string>): string {
  const dist = mkdtempSync(path.join(os.tmpdir(), "accord-hints-"));
  dirs.push(dist);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dist, "static", "chunks", name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dist;
}
const read = (dist: string, name: string) => readFileSync(path.join(dist, "static", "chunks", name), "utf8");

describe("addCompileHints", () => {
  it("puts the hint on the first line of every browser script, once, however often it runs", () => {
    const dist = build({ "a.js": "(()=>{})();", "nested/b.js": "x()", "c.css": "body{}" });
    expect(addCompileHints(dist)).toBe(2);
    expect(addCompileHints(dist)).toBe(0);
    expect(read(dist, "a.js")).toBe(`${COMPILE_HINT}(()=>{})();`);
    expect(read(dist, "nested/b.js")).toBe(`${COMPILE_HINT}x()`);
    expect(read(dist, "c.css")).toBe("body{}");
  });

  it("moves a source map down by the added line", () => {
    const map = { version: 3, sources: ["a.ts"], names: [], mappings: "AAAA;AACA" };
    const dist = build({ "a.js": "a();\nb();\n//# sourceMappingURL=m1.js.map", "m1.js.map": JSON.stringify(map) });
    addCompileHints(dist);
    expect(JSON.parse(read(dist, "m1.js.map"))).toEqual({ ...map, mappings: ";AAAA;AACA" });
    // A second start leaves the map as it is.
    addCompileHints(dist);
    expect(JSON.parse(read(dist, "m1.js.map")).mappings).toBe(";AAAA;AACA");
  });

  it("does nothing without a build", () => {
    expect(addCompileHints(path.join(os.tmpdir(), "accord-no-such-build"))).toBe(0);
  });
});
