import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bundleServer } from "./bundle-server.mjs";

const root = path.resolve(import.meta.dirname, "..");
const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies: Record<string, string> };

/** The package an import specifier names ("@scope/name/sub" → "@scope/name"); null for Node's own modules. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith("node:")) return null;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

describe("bundleServer", () => {
  it.each([
    ["collab/index.ts", "collab"],
    ["server/index.ts", "server"],
  ])("bundles %s into one module that imports only runtime dependencies, and reuses an unchanged build", (entry, name) => {
    const file = bundleServer(entry, `test-${name}`);
    try {
      expect(bundleServer(entry, `test-${name}`)).toBe(file);
      const code = readFileSync(file, "utf8");
      // Our own modules are inside it; packages are imported from node_modules as before.
      expect(code).toContain(`// ${entry}`);
      expect(code).toContain("// lib/collab/protocol.ts");
      const imported = [
        ...[...code.matchAll(/^import\s(?:[^"']*?\sfrom\s)?["']([^"']+)["']/gm)].map((m) => m[1]),
        ...[...code.matchAll(/\bimport\(["']([^"']+)["']\)/g)].map((m) => m[1]),
      ];
      expect(imported).toContain("yjs");
      const packages = new Set(imported.map(packageOf).filter((p): p is string => p !== null));
      // A devDependency here would be missing from a production install.
      expect([...packages].filter((p) => !(p in manifest.dependencies))).toEqual([]);
      expect(imported.some((s) => s.startsWith(".") || s.startsWith("@/"))).toBe(false);
      // A require() left in an ES module throws when it runs.
      expect(code).not.toContain("__require(");
    } finally {
      rmSync(file, { force: true });
    }
  });
});
