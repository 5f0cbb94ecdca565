import { yXmlFragmentToProsemirrorJSON } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { DOC_FIELD } from "@/lib/collab/extensions";
import { blockInfosOf, type BlockInfo } from "@/lib/domain/clauses";
import type { DocNode } from "@/lib/domain/draft-doc";

/** The live text as the derive needs it: the stored draft JSON and what numbering reads. */
export interface DraftSnapshot {
  /** `JSON.stringify` of the ProseMirror JSON, as the server renders it. */
  content: string;
  blocks: BlockInfo[];
}

interface CachedBlock {
  json: string;
  blocks: BlockInfo[];
}

/**
 * The room's text as JSON, rebuilt only where it changed. Converting the whole document
 * for every derive took 18 ms a second on a 50,000-word draft (notes §11), while a typist
 * touches one block at a time: each top-level block's JSON and numbering input is kept
 * until a transaction changes something inside it.
 */
export class LiveDraft {
  private readonly fragment: Y.XmlFragment;
  // Keyed by the Yjs type: a block that is deleted or replaced simply stops being read.
  private readonly cache = new WeakMap<object, CachedBlock>();

  constructor(private readonly doc: Y.Doc) {
    this.fragment = doc.getXmlFragment(DOC_FIELD);
    doc.on("afterTransaction", this.forgetChanged);
  }

  read(): DraftSnapshot {
    const parts: string[] = [];
    const blocks: BlockInfo[] = [];
    for (const child of this.fragment.toArray()) {
      let cached = this.cache.get(child);
      if (!cached) {
        cached = convert(child);
        this.cache.set(child, cached);
      }
      parts.push(cached.json);
      for (const block of cached.blocks) blocks.push(block);
    }
    return { content: `{"type":"doc","content":[${parts.join(",")}]}`, blocks };
  }

  destroy(): void {
    this.doc.off("afterTransaction", this.forgetChanged);
  }

  /**
   * Yjs lists every type a transaction changed (a type created in it shows up as a
   * change of its parent), so the top-level block above each is stale.
   */
  private readonly forgetChanged = (transaction: Y.Transaction): void => {
    for (const type of transaction.changed.keys()) {
      let top: object = type;
      for (let parent = type._item?.parent; parent instanceof Y.AbstractType && parent !== this.fragment; parent = parent._item?.parent) top = parent;
      if (top !== this.fragment) this.cache.delete(top);
    }
  };
}

function convert(child: Y.XmlElement | Y.XmlText | Y.XmlHook): CachedBlock {
  // y-tiptap's own serializer, given a one-block view, so a block's JSON is exactly
  // what converting the whole fragment would produce for it (the view relies on it
  // calling only toArray(); live-draft.test.ts fails if an upgrade changes that).
  const view = { toArray: () => [child] } as unknown as Y.XmlFragment;
  const node = (yXmlFragmentToProsemirrorJSON(view) as DocNode).content![0];
  return { json: JSON.stringify(node), blocks: blockInfosOf(node) };
}
