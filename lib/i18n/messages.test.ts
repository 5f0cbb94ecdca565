import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES } from "./locales";

type Tree = { [key: string]: string | Tree };

function load(locale: string): Tree {
  return JSON.parse(readFileSync(path.join(import.meta.dirname, "..", "..", "messages", `${locale}.json`), "utf8")) as Tree;
}

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

const placeholders = (message: string) => new Set([...message.matchAll(/\{(\w+)[},]/g)].map((m) => m[1]));

const english = flatten(load("en"));

describe("message catalogues", () => {
  for (const locale of LOCALES.filter((l) => l !== "en")) {
    const messages = flatten(load(locale));

    it(`${locale} has exactly the English keys`, () => {
      expect([...messages.keys()].sort()).toEqual([...english.keys()].sort());
    });

    it(`${locale} keeps every placeholder and translates every message`, () => {
      for (const [key, source] of english) {
        const translated = messages.get(key) ?? "";
        expect(translated.trim(), key).not.toBe("");
        for (const name of placeholders(source)) expect(placeholders(translated), `${locale}:${key}`).toContain(name);
      }
    });
  }

  it("has no empty English message", () => {
    for (const [key, value] of english) expect(value.trim(), key).not.toBe("");
  });
});
