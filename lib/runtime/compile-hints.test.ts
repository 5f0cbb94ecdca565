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
    expect(JSON.parse(read(dist, "m1.js.map"))).toEqual({ ...map, mappings: ";AAAA;AACA", x_accordCompileHint: true });
    // A second start leaves the map as it is.
    addCompileHints(dist);
    expect(JSON.parse(read(dist, "m1.js.map")).mappings).toBe(";AAAA;AACA");
  });

  it("moves every section of a sectioned map, and never a map twice (a start that stopped between map and script)", () => {
    const map = { version: 3, sections: [{ offset: { line: 0, column: 0 }, map: {} }, { offset: { line: 4, column: 2 }, map: {} }] };
    const dist = build({ "s.js": "a();\n//# sourceMappingURL=s.js.map", "s.js.map": JSON.stringify(map) });
    addCompileHints(dist);
    const shifted = JSON.parse(read(dist, "s.js.map")) as typeof map;
    expect(shifted.sections.map((x) => x.offset)).toEqual([
      { line: 1, column: 0 },
      { line: 5, column: 2 },
    ]);
    // The script loses its hint (as if the start had stopped before rewriting it): the map is not moved again.
    writeFileSync(path.join(dist, "static", "chunks", "s.js"), "a();\n//# sourceMappingURL=s.js.map");
    addCompileHints(dist);
    expect((JSON.parse(read(dist, "s.js.map")) as typeof map).sections[1].offset.line).toBe(5);
    expect(read(dist, "s.js").startsWith(COMPILE_HINT)).toBe(true);
  });

  it("keeps a script's bytes as they were, whatever they are", () => {
    const dist = build({});
    const bytes = Buffer.from([0x78, 0x3d, 0xff, 0xfe, 0x00, 0x3b]);
    mkdirSync(path.join(dist, "static", "chunks"), { recursive: true });
    writeFileSync(path.join(dist, "static", "chunks", "b.js"), bytes);
    addCompileHints(dist);
    expect(readFileSync(path.join(dist, "static", "chunks", "b.js"))).toEqual(Buffer.concat([Buffer.from(COMPILE_HINT), bytes]));
  });

  it("does nothing without a build", () => {
    expect(addCompileHints(path.join(os.tmpdir(), "accord-no-such-build"))).toBe(0);
  });
});
