import { EditorState, type Transaction } from "@tiptap/pm/state";
import type { DecorationSet } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import { decorate, renumber, type NumberingState } from "./clause-ids";
import { documentSchema } from "./doc-json";

const schema = documentSchema();
const text = (t: string) => ({ type: "text", text: t });
const start = () =>
  EditorState.create({
    schema,
    doc: schema.nodeFromJSON({
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2, clauseId: "s1" }, content: [text("Scope")] },
        { type: "paragraph", attrs: { clauseId: "c1" }, content: [text("First clause.")] },
        { type: "paragraph", attrs: { clauseId: "c2" }, content: [text("Second clause.")] },
        { type: "bulletList", content: [{ type: "listItem", attrs: { clauseId: "c3" }, content: [{ type: "paragraph", content: [text("Item")] }] }] },
      ],
    }),
  });

/** What the reader sees: each decorated block's range, number and class. */
const shown = (set: DecorationSet) =>
  set
    .find()
    .map((d) => {
      const attrs = (d as unknown as { type: { attrs: Record<string, string> } }).type.attrs;
      return `${d.from}-${d.to} ${attrs["data-clause-number"]} ${attrs.class}`;
    })
    .sort();

function expectFresh(tr: Transaction, before: NumberingState): NumberingState {
  const after = renumber(tr, before, tr.doc);
  const fresh = decorate(tr.doc);
  expect(shown(after.decorations)).toEqual(shown(fresh.decorations));
  expect(after.numbering).toEqual(fresh.numbering);
  return after;
}

describe("clause numbering while typing", () => {
  it("after each kind of edit, shows what numbering the document afresh would", () => {
    let state = start();
    let numbering = decorate(state.doc);
    expect(shown(numbering.decorations)).toHaveLength(4);
    const edits: Array<(s: EditorState) => Transaction> = [
      (s) => s.tr.insertText("New words ", 9), // typing inside the first clause
      (s) => s.tr.insertText("!", s.doc.content.size - 3), // inside the list item
      (s) => s.tr.split(12), // Enter mid-clause: a new block, numbers move
      (s) => s.tr.delete(1, 4), // inside the heading
      (s) => s.tr.setNodeMarkup(s.doc.child(0).nodeSize, schema.nodes.heading, { level: 2, clauseId: "c1" }), // a clause becomes a section
      (s) => s.tr.delete(s.doc.child(0).nodeSize, s.doc.child(0).nodeSize + s.doc.child(1).nodeSize), // a whole block deleted
      // A remote change: y-prosemirror replaces the whole document.
      (s) => s.tr.replaceWith(0, s.doc.content.size, s.doc.content).setMeta(ySyncPluginKey, { isChangeOrigin: true }),
    ];
    for (const edit of edits) {
      const tr = edit(state);
      numbering = expectFresh(tr, numbering);
      state = state.apply(tr);
    }
    expect(shown(numbering.decorations).length).toBeGreaterThan(2);
  });

  it("keeps the decorations of a keystroke's document instead of rebuilding them", () => {
    const state = start();
    const before = decorate(state.doc);
    const tr = state.tr.insertText("x", 9);
    const after = renumber(tr, before, tr.doc);
    // Mapped, not rebuilt: each decoration keeps its (internal) type object.
    const types = (set: DecorationSet) => set.find().map((d) => (d as unknown as { type: object }).type);
    expect(types(after.decorations)).toEqual(types(before.decorations));
    expect(types(after.decorations).every((type, i) => type === types(before.decorations)[i])).toBe(true);
    expect(types(decorate(state.doc).decorations).some((type, i) => type === types(before.decorations)[i])).toBe(false);
  });

  it("rebuilds when an edit swallowed a numbered block whole, even if the numbers read the same", () => {
    const state = start();
    const before = decorate(state.doc);
    // The second clause's block replaced by a copy of itself: the numbers read the same,
    // but the old decoration does not survive the mapping.
    const from = state.doc.child(0).nodeSize + state.doc.child(1).nodeSize;
    const second = state.doc.child(2);
    const tr = state.tr.replaceWith(from, from + second.nodeSize, second.type.create(second.attrs, second.content));
    const after = expectFresh(tr, before);
    expect(shown(after.decorations)).toHaveLength(shown(decorate(tr.doc).decorations).length);
  });
});
