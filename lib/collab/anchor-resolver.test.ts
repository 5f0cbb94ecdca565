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

  it("agrees with y-prosemirror in text typed in turns by several people, with deletions, an undo and both associations", () => {
    const doc = draft();
    const fragment = doc.getXmlFragment(DOC_FIELD);
    const paragraph = () => (fragment.get(1) as Y.XmlElement).get(0) as Y.XmlText;
    // Typed one character at a time by three people in turn: many small items, as in a real draft.
    const people = [1, 2, 3].map((id) => {
      const replica = new Y.Doc();
      replica.clientID = 1000 + id;
      Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
      return replica;
    });
    for (let round = 0; round < 40; round++) {
      const replica = people[round % 3];
      const text = (replica.getXmlFragment(DOC_FIELD).get(1) as Y.XmlElement).get(0) as Y.XmlText;
      text.insert((round * 7) % text.length, String.fromCharCode(97 + (round % 26)));
      if (round % 5 === 4) text.delete((round * 3) % (text.length - 1), 1);
      for (const other of [doc, ...people]) if (other !== replica) Y.applyUpdate(other, Y.encodeStateAsUpdate(replica));
    }
    const undo = new Y.UndoManager(fragment, { captureTimeout: 0 });
    const before = bindingOf(doc);
    const anchors = anchorsAt(before);
    // The same positions with the other association (the end of a range that grew leftwards).
    const leftAnchors = anchors.map((a) => {
      const rel = Y.createRelativePositionFromJSON(JSON.parse(a.json)) as Y.RelativePosition & { assoc: number };
      return JSON.stringify({ ...Y.relativePositionToJSON(rel), assoc: -1 });
    });
    paragraph().delete(3, 6);
    undo.undo();
    // Inside one long item: the restored text is new items, reached through `redone`.
    ((fragment.get(4) as Y.XmlElement).get(0) as Y.XmlText).delete(2, 6);
    undo.undo();
    paragraph().insert(1, "XY");
    const after = bindingOf(doc);
    const resolve = positionResolver(after);
    let checked = 0;
    for (const json of [...anchors.map((a) => a.json), ...leftAnchors]) {
      const expected = relativePositionToAbsolutePosition(after.doc, after.type, Y.createRelativePositionFromJSON(JSON.parse(json)), after.mapping as never);
      expect(resolve(json)).toBe(expected);
      if (expected !== null) checked++;
    }
    expect(checked).toBeGreaterThan(2 * 60);
    expect(paragraph().toString().length).toBeGreaterThan("Plain clause text.".length + 20);
  });

  it("stays right when the same document is resolved again after each kind of edit", () => {
    const doc = draft();
    const fragment = doc.getXmlFragment(DOC_FIELD);
    const anchors = anchorsAt(bindingOf(doc));
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    const textOf = (d: Y.Doc, block: number) => (d.getXmlFragment(DOC_FIELD).get(block) as Y.XmlElement).get(0) as Y.XmlText;
    const edits: Array<() => void> = [
      () => textOf(doc, 1).insert(6, "middle "), // splits the paragraph's one item
      () => textOf(doc, 4).delete(0, 5),
      () => textOf(doc, 1).format(0, 5, { bold: {} }),
      () => {
        textOf(remote, 4).insert(0, "Remote ");
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote));
      },
      () => doc.transact(() => textOf(doc, 0).insert(1, "ab")),
    ];
    for (const edit of edits) {
      edit();
      const binding = bindingOf(doc);
      const resolve = positionResolver(binding);
      for (const a of anchors) {
        const expected = relativePositionToAbsolutePosition(doc, binding.type, Y.createRelativePositionFromJSON(JSON.parse(a.json)), binding.mapping as never);
        expect(resolve(a.json)).toBe(expected);
      }
    }
    // Resolved while a transaction is still open, and again after it.
    const last = anchors[anchors.length - 1].json;
    const expectedNow = () => {
      const binding = bindingOf(doc);
      return [positionResolver(binding)(last), relativePositionToAbsolutePosition(doc, binding.type, Y.createRelativePositionFromJSON(JSON.parse(last)), binding.mapping as never)];
    };
    doc.transact(() => {
      textOf(doc, 4).insert(0, "Inside ");
      const [got, expected] = expectedNow();
      expect(got).toBe(expected);
      textOf(doc, 4).insert(0, "Again ");
      const [gotAgain, expectedAgain] = expectedNow();
      expect(gotAgain).toBe(expectedAgain);
      expect(gotAgain).toBe((got ?? 0) + "Again ".length);
    });
    const binding = bindingOf(doc);
    const resolve = positionResolver(binding);
    for (const a of anchors) {
      expect(resolve(a.json)).toBe(relativePositionToAbsolutePosition(doc, binding.type, Y.createRelativePositionFromJSON(JSON.parse(a.json)), binding.mapping as never));
    }
    expect(fragment.length).toBe(5);
  });

  it("is right when asked from an observer of the change, as y-prosemirror renders a remote edit", () => {
    const doc = draft();
    const anchors = anchorsAt(bindingOf(doc));
    const agrees = () => {
      const binding = bindingOf(doc);
      const resolve = positionResolver(binding);
      for (const a of anchors) {
        expect(resolve(a.json)).toBe(relativePositionToAbsolutePosition(doc, binding.type, Y.createRelativePositionFromJSON(JSON.parse(a.json)), binding.mapping as never));
      }
    };
    agrees();
    let observed = 0;
    doc.getXmlFragment(DOC_FIELD).observeDeep(() => {
      agrees();
      observed++;
    });
    const remote = new Y.Doc();
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(doc));
    ((remote.getXmlFragment(DOC_FIELD).get(4) as Y.XmlElement).get(0) as Y.XmlText).insert(0, "Remote ");
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote));
    expect(observed).toBe(1);
  });

  it("treats unreadable anchors as gone instead of throwing", () => {
    const resolve = positionResolver(bindingOf(draft()));
    expect(resolve("not json")).toBeNull();
    expect(resolve(JSON.stringify({ type: null, tname: null, item: { client: 1, clock: 99 }, assoc: 0 }))).toBeNull();
  });
});
