import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json";

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: "x" } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("gives the same bytes whatever the insertion order", () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it("drops undefined members but keeps null", () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it("escapes strings like JSON and keeps non-ASCII text", () => {
    expect(canonicalJson({ q: 'say "hi"\n', ar: "مرحبا" })).toBe('{"ar":"مرحبا","q":"say \\"hi\\"\\n"}');
  });

  it("sorts by code point, not locale", () => {
    expect(canonicalJson({ b: 1, B: 2, á: 3 })).toBe('{"B":2,"b":1,"á":3}');
  });

  it("refuses numbers JSON cannot represent", () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson(Number.POSITIVE_INFINITY)).toThrow(TypeError);
  });
});
