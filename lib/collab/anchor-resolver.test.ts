import { absolutePositionToRelativePosition, initProseMirrorDoc, prosemirrorJSONToYDoc, relativePositionToAbsolutePosition } from "@tiptap/y-tiptap";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { positionResolver, type YBinding } from "./anchor-resolver";
import { documentSchema } from "./doc-json";
import { DOC_FIELD } from "./extensions";

const text = (t: string, marks?: Array<{ type: string }>) => ({ type: "text", text: t, ...(marks ? { marks } : {}) });
const para = (...content: object[]) => ({ type: "paragraph", content });

function draft(): Y.Doc {
  return prosemirrorJSONToYDoc(
    documentSchema(),
    {
      type: "doc",
      content: [
        { type: "heading", attrs: { level: 2 }, content: [text("Scope")] },
        para(text("Plain clause text.")),
        para(text("Mixed "), text("bold", [{ type: "bold" }]), text(" and plain.")),
        { type: "bulletList", content: [{ type: "listItem", content: [para(text("First item"))] }, { type: "listItem", content: [para(text("Second item"))] }] },
        para(text("Last clause.")),
      ],
    },
    DOC_FIELD,
  );
}

function bindingOf(doc: Y.Doc): YBinding & { pm: ReturnType<typeof initProseMirrorDoc>["doc"] } {
  const type = doc.getXmlFragment(DOC_FIELD);
  const { doc: pm, mapping } = initProseMirrorDoc(type, documentSchema());
  return { doc, type, mapping: mapping as YBinding["mapping"], pm };
}

/** Every text position of the ProseMirror document, as stored anchors. */
function anchorsAt(binding: ReturnType<typeof bindingOf>): Array<{ pos: number; json: string }> {
  const out: Array<{ pos: number; json: string }> = [];
  binding.pm.descendants((node, pos) => {
    if (!node.isText) return;
    for (let i = 0; i <= node.nodeSize; i++) {
      const rel = absolutePositionToRelativePosition(pos + i, binding.type, binding.mapping as never);
      out.push({ pos: pos + i, json: JSON.stringify(Y.relativePositionToJSON(rel)) });
    }
  });
  return out;
}

function textStart(pm: ReturnType<typeof initProseMirrorDoc>["doc"], wanted: string): number {
  let found = -1;
  pm.descendants((node, pos) => {
    if (node.isText && node.text === wanted) found = pos;
  });
  return found;
}

describe("positionResolver", () => {
  it("agrees with y-prosemirror for every text position, across marks and nested lists", () => {
    const binding = bindingOf(draft());
    const resolve = positionResolver(binding);
    const anchors = anchorsAt(binding);
    expect(anchors.length).toBeGreaterThan(60);
    for (const a of anchors) {
      const expected = relativePositionToAbsolutePosition(binding.doc, binding.type, Y.createRelativePositionFromJSON(JSON.parse(a.json)), binding.mapping as never);
      expect(resolve(a.json)).toBe(expected);
      expect(resolve(a.json)).toBe(a.pos);
    }
  });

  it("follows edits made after the anchors were taken, and reports anchors in deleted blocks as gone", () => {
    const doc = draft();
    const before = bindingOf(doc);
    const anchors = anchorsAt(before);
    const fragment = doc.getXmlFragment(DOC_FIELD);
    const deleted = before.mapping.get(fragment.get(1)) as { nodeSize: number };
    const deletedFrom = (before.mapping.get(fragment.get(0)) as { nodeSize: number }).nodeSize;
    const lastBefore = textStart(before.pm, "Last clause.");
    fragment.delete(1, 1);
    ((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(2, "New ");
    const after = bindingOf(doc);
    const resolve = positionResolver(after);
    let gone = 0;
    for (const a of anchors) {
      const got = resolve(a.json);
      if (a.pos > deletedFrom && a.pos < deletedFrom + deleted.nodeSize) {
        expect(got).toBeNull();
        gone++;
        continue;
      }
      const expected = relativePositionToAbsolutePosition(after.doc, after.type, Y.createRelativePositionFromJSON(JSON.parse(a.json)), after.mapping as never);
      expect(got).toBe(expected);
    }
    expect(gone).toBe("Plain clause text.".length + 1);
    const last = anchors.find((a) => a.pos === lastBefore)!;
    expect(resolve(last.json)).toBe(textStart(after.pm, "Last clause."));
  });

  it("treats unreadable anchors as gone instead of throwing", () => {
    const resolve = positionResolver(bindingOf(draft()));
    expect(resolve("not json")).toBeNull();
    expect(resolve(JSON.stringify({ type: null, tname: null, item: { client: 1, clock: 99 }, assoc: 0 }))).toBeNull();
  });
});
