import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { docJsonToYUpdate, yDocToDocJson } from "@/lib/collab/doc-json";
import { DOC_FIELD } from "@/lib/collab/extensions";
import { blockInfosOf } from "@/lib/domain/clauses";
import type { DocNode } from "@/lib/domain/draft-doc";
import { LiveDraft } from "./live-draft";

const text = (value: string): DocNode => ({ type: "text", text: value });
const p = (id: string, value: string): DocNode => ({ type: "paragraph", attrs: { clauseId: id }, content: [text(value)] });
const h = (id: string, value: string): DocNode => ({ type: "heading", attrs: { level: 2, clauseId: id }, content: [text(value)] });
const list = (items: Array<[string, string]>): DocNode => ({
  type: "bulletList",
  content: items.map(([id, value]) => ({ type: "listItem", attrs: { clauseId: id }, content: [{ type: "paragraph", content: [text(value)] }] })),
});

function seeded(): Y.Doc {
  const doc = new Y.Doc();
  const json: DocNode = { type: "doc", content: [h("s1", "Purpose"), p("a", "One"), list([["i1", "first"], ["i2", "second"]]), p("b", "Two"), h("s2", "Envoy"), p("c", "Three")] };
  Y.applyUpdate(doc, docJsonToYUpdate(json));
  return doc;
}

/** What the derive read before it was incremental: the whole fragment converted. */
function wholeDocument(doc: Y.Doc) {
  const json = yDocToDocJson(doc);
  return { content: JSON.stringify(json), blocks: (json.content ?? []).flatMap(blockInfosOf) };
}

/** A small deterministic generator, so a failing sequence can be replayed. */
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
}

function textNodesIn(type: Y.XmlElement | Y.XmlFragment): Y.XmlText[] {
  const out: Y.XmlText[] = [];
  for (const child of type.toArray()) {
    if (child instanceof Y.XmlText) out.push(child);
    else if (child instanceof Y.XmlElement) out.push(...textNodesIn(child));
  }
  return out;
}

/** One edit of the kinds typists make: type, delete, format, set or remove an attribute, add or drop a block, add or drop a list item. */
function randomEdit(doc: Y.Doc, pick: (n: number) => number, step: number): void {
  const fragment = doc.getXmlFragment(DOC_FIELD);
  const texts = textNodesIn(fragment);
  const target = texts[pick(texts.length)];
  doc.transact(() => {
    switch (pick(9)) {
      case 0:
      case 1:
        target.insert(pick(target.length + 1), `w${step} `);
        break;
      case 2:
        if (target.length > 1) target.delete(pick(target.length - 1), 1);
        break;
      case 3:
        if (target.length > 2) target.format(0, 2, { bold: {} });
        break;
      case 4: {
        const blocks = fragment.toArray().filter((b): b is Y.XmlElement => b instanceof Y.XmlElement && b.nodeName === "paragraph");
        if (blocks.length) blocks[pick(blocks.length)].setAttribute("clauseId", `r${step}`);
        break;
      }
      case 5: {
        const paragraph = new Y.XmlElement("paragraph");
        paragraph.setAttribute("clauseId", `n${step}`);
        paragraph.insert(0, [new Y.XmlText(`new ${step}`)]);
        fragment.insert(pick(fragment.length + 1), [paragraph]);
        if (fragment.length > 8) fragment.delete(pick(fragment.length), 1);
        break;
      }
      case 7: {
        const blocks = fragment.toArray().filter((b): b is Y.XmlElement => b instanceof Y.XmlElement && b.getAttribute("clauseId") !== undefined);
        if (blocks.length) blocks[pick(blocks.length)].removeAttribute("clauseId");
        break;
      }
      case 8: {
        const lists = fragment.toArray().filter((b): b is Y.XmlElement => b instanceof Y.XmlElement && b.nodeName === "bulletList" && b.length > 1);
        if (lists.length) lists[0].delete(pick(lists[0].length), 1);
        break;
      }
      default: {
        const lists = fragment.toArray().filter((b): b is Y.XmlElement => b instanceof Y.XmlElement && b.nodeName === "bulletList");
        if (!lists.length) break;
        const item = new Y.XmlElement("listItem");
        item.setAttribute("clauseId", `li${step}`);
        const inner = new Y.XmlElement("paragraph");
        inner.insert(0, [new Y.XmlText(`item ${step}`)]);
        item.insert(0, [inner]);
        lists[0].insert(pick(lists[0].length + 1), [item]);
      }
    }
  });
}

describe("the live draft", () => {
  it("reads the same JSON and numbering input as converting the whole document, after every edit", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const author = seeded();
      const server = new Y.Doc();
      Y.applyUpdate(server, Y.encodeStateAsUpdate(author));
      const live = new LiveDraft(server);
      const pick = random(seed);
      expect(live.read()).toEqual(wholeDocument(server));
      let held: Uint8Array[] = [];
      for (let step = 0; step < 120; step++) {
        const before = Y.encodeStateVector(author);
        randomEdit(author, pick, step);
        // The server only ever sees edits as updates, like a room does, and sometimes out
        // of order: an update whose predecessor is missing waits inside Yjs until it comes.
        held.push(Y.encodeStateAsUpdate(author, before));
        if (pick(3) === 0) continue;
        for (const update of held.reverse()) Y.applyUpdate(server, update);
        held = [];
        expect(live.read()).toEqual(wholeDocument(server));
      }
      for (const update of held) Y.applyUpdate(server, update);
      expect(live.read()).toEqual(wholeDocument(server));
      live.destroy();
    }
  });

  it("converts again only the block an edit touched", () => {
    const doc = seeded();
    const live = new LiveDraft(doc);
    const first = live.read();
    const listItem = doc.getXmlFragment(DOC_FIELD).get(2) as Y.XmlElement;
    const itemText = textNodesIn(listItem.get(1) as Y.XmlElement)[0];
    itemText.insert(0, "the ");
    const second = live.read();
    const index = second.blocks.findIndex((b) => b.clauseId === "i2");
    expect(second.blocks[index].text).toBe("the second");
    second.blocks.forEach((block, i) => {
      const inEditedList = block.clauseId === "i1" || block.clauseId === "i2";
      if (inEditedList) expect(block).not.toBe(first.blocks[i]);
      else expect(block).toBe(first.blocks[i]);
    });
  });

  it("stops following the document once destroyed", () => {
    const doc = seeded();
    const live = new LiveDraft(doc);
    const before = live.read();
    live.destroy();
    textNodesIn(doc.getXmlFragment(DOC_FIELD))[0].insert(0, "Our ");
    expect(live.read().blocks[0]).toBe(before.blocks[0]);
  });
});
