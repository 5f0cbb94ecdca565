import { describe, expect, it } from "vitest";
import { deriveClauses, ensureClauseIds } from "./clauses";
import type { DocNode } from "./draft-doc";

const text = (value: string): DocNode => ({ type: "text", text: value });
const p = (id: string | undefined, value: string): DocNode => ({
  type: "paragraph",
  attrs: id ? { clauseId: id } : {},
  content: value ? [text(value)] : [],
});
const h = (id: string, value: string, level = 2): DocNode => ({
  type: "heading",
  attrs: { level, clauseId: id },
  content: [text(value)],
});
const list = (type: "bulletList" | "orderedList", items: Array<[string, string]>): DocNode => ({
  type,
  content: items.map(([id, value]) => ({ type: "listItem", attrs: { clauseId: id }, content: [p(undefined, value)] })),
});
const doc = (...content: DocNode[]): DocNode => ({ type: "doc", content });
const numbers = (d: DocNode) => deriveClauses(d).map((c) => `${c.kind}:${c.number}:${c.clauseId}`);

describe("deriveClauses", () => {
  it("numbers sections and the clauses under them", () => {
    const d = doc(h("s1", "Purpose"), p("a", "One"), p("b", "Two"), h("s2", "Envoy"), p("c", "Three"));
    expect(numbers(d)).toEqual(["heading:1:s1", "clause:1.1:a", "clause:1.2:b", "heading:2:s2", "clause:2.1:c"]);
  });

  it("makes every list item its own clause", () => {
    const d = doc(h("s1", "Goals"), p("a", "Intro"), list("bulletList", [["i1", "x"], ["i2", "y"]]), p("b", "After"));
    expect(numbers(d)).toEqual(["heading:1:s1", "clause:1.1:a", "clause:1.2:i1", "clause:1.3:i2", "clause:1.4:b"]);
  });

  it("skips empty blocks so they do not consume a number", () => {
    const d = doc(h("s1", "A"), p("a", "One"), p("e", "   "), p("f", ""), p("b", "Two"));
    expect(numbers(d)).toEqual(["heading:1:s1", "clause:1.1:a", "clause:1.2:b"]);
  });

  it("leaves text before the first heading unnumbered", () => {
    expect(numbers(doc(p("pre", "Preamble"), h("s1", "A"), p("a", "One")))).toEqual([
      "preamble::pre",
      "heading:1:s1",
      "clause:1.1:a",
    ]);
  });

  it("treats level 3 headings as unnumbered sub-headings that do not restart numbering", () => {
    const d = doc(h("s1", "A"), p("a", "One"), h("sub", "Detail", 3), p("b", "Two"));
    expect(numbers(d)).toEqual(["heading:1:s1", "clause:1.1:a", "subheading::sub", "clause:1.2:b"]);
  });

  it("renumbers when a clause is inserted", () => {
    const before = doc(h("s1", "A"), p("a", "One"), p("b", "Two"));
    const after = doc(h("s1", "A"), p("new", "Zero"), p("a", "One"), p("b", "Two"));
    expect(deriveClauses(before).find((c) => c.clauseId === "b")?.number).toBe("1.2");
    expect(deriveClauses(after).find((c) => c.clauseId === "b")?.number).toBe("1.3");
  });

  it("ignores blocks without an id and counts positions densely", () => {
    const clauses = deriveClauses(doc(h("s1", "A"), p(undefined, "no id"), p("a", "One")));
    expect(clauses.map((c) => [c.clauseId, c.position])).toEqual([["s1", 0], ["a", 1]]);
  });

  it("extracts text with hard breaks and nested blocks", () => {
    const d = doc(h("s1", "A"), {
      type: "paragraph",
      attrs: { clauseId: "a" },
      content: [text("line one"), { type: "hardBreak" }, text("line two")],
    });
    expect(deriveClauses(d)[1].text).toBe("line one\nline two");
  });

  it("numbers only the first of two blocks sharing an id (the editor renames the copy)", () => {
    const d = doc(h("s1", "A"), p("a", "first half"), p("a", "second half"), p("b", "next"));
    expect(numbers(d)).toEqual(["heading:1:s1", "clause:1.1:a", "clause:1.2:b"]);
  });

  it("returns nothing for an empty document", () => {
    expect(deriveClauses({ type: "doc" })).toEqual([]);
  });
});

describe("ensureClauseIds", () => {
  const counter = () => {
    let n = 0;
    return () => `gen${++n}`;
  };

  it("assigns ids to nodes that lack one, including list items", () => {
    const d = doc(h("s1", "A"), p(undefined, "x"), {
      type: "orderedList",
      content: [{ type: "listItem", content: [p(undefined, "y")] }],
    });
    const fixed = ensureClauseIds(d, counter());
    expect(numbers(fixed)).toEqual(["heading:1:s1", "clause:1.1:gen1", "clause:1.2:gen2"]);
  });

  it("keeps the first of two duplicate ids and renames the later one", () => {
    const fixed = ensureClauseIds(doc(h("s1", "A"), p("a", "first half"), p("a", "second half")), counter());
    expect(numbers(fixed)).toEqual(["heading:1:s1", "clause:1.1:a", "clause:1.2:gen1"]);
  });

  it("never hands out an id that is already in use", () => {
    const ids = ["a", "a", "b"];
    const fixed = ensureClauseIds(doc(h("s1", "A"), p("a", "x"), p(undefined, "y")), () => ids.shift() ?? "z");
    expect(numbers(fixed)).toEqual(["heading:1:s1", "clause:1.1:a", "clause:1.2:b"]);
  });

  it("does not modify its input", () => {
    const d = doc(h("s1", "A"), p(undefined, "x"));
    const snapshot = JSON.stringify(d);
    ensureClauseIds(d, counter());
    expect(JSON.stringify(d)).toBe(snapshot);
  });
});
