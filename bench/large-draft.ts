// A large draft as several people would have typed it together (benchmarks only).
import { prosemirrorJSONToYDoc } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { documentSchema } from "../lib/collab/doc-json";
import { DOC_FIELD } from "../lib/collab/extensions";
import type { DocNode } from "../lib/domain/draft-doc";
import { DEMO_DRAFT } from "../lib/server/demo/demo-text";

export const SECTIONS = 20;
export const CLAUSES_PER_SECTION = 10;
export const WORDS_PER_CLAUSE = 250;
const TYPISTS = 6;

/** Deterministic, so every run loads the same draft. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The draft as it would look after several people typed it together: words drawn from
 * the demo text (so it compresses like prose, not like one repeated sentence), each
 * word typed by one of six participants in turn, with a corrected typo now and then.
 * That interleaving is what makes a real draft's Yjs state several times its text.
 */
export function typedDraft(): { doc: Y.Doc; words: number } {
  const random = prng(2026);
  const vocabulary = DEMO_DRAFT.sections
    .flatMap((s) => s.blocks.flatMap((b) => (typeof b === "string" ? [b] : b.items)))
    .join(" ")
    .split(/\s+/)
    .filter(Boolean);
  const word = () => vocabulary[Math.floor(random() * vocabulary.length)];
  const content: DocNode[] = [];
  for (let s = 1; s <= SECTIONS; s++) {
    const heading = DEMO_DRAFT.sections[(s - 1) % DEMO_DRAFT.sections.length].heading;
    content.push({ type: "heading", attrs: { level: 2, clauseId: `s${s}` }, content: [{ type: "text", text: heading }] });
    for (let c = 1; c <= CLAUSES_PER_SECTION; c++) {
      content.push({ type: "paragraph", attrs: { clauseId: `s${s}-c${c}` }, content: [{ type: "text", text: word() }] });
    }
  }
  const doc = prosemirrorJSONToYDoc(documentSchema(), { type: "doc", content }, DOC_FIELD);
  const paragraphs = doc
    .getXmlFragment(DOC_FIELD)
    .toArray()
    .filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === "paragraph")
    .map((p) => p.get(0) as Y.XmlText);
  let words = paragraphs.length;
  const clients = Array.from({ length: TYPISTS }, (_, i) => 1_000_000 + i * 7919);
  for (let w = 1; w < WORDS_PER_CLAUSE; w++) {
    for (const [p, text] of paragraphs.entries()) {
      doc.clientID = clients[(w + p) % TYPISTS];
      if (random() < 0.04) {
        const at = text.length;
        text.insert(at, ` ${word()}`);
        text.delete(at, text.length - at);
      }
      text.insert(text.length, ` ${word()}`);
      words++;
    }
  }
  return { doc, words };
}

