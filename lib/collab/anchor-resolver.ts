import type { Node as PmNode } from "@tiptap/pm/model";
import * as Y from "yjs";

/** What y-prosemirror's sync plugin keeps: the shared type and each Yjs type's ProseMirror node(s). */
export interface YBinding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- y-prosemirror's own key type
  mapping: Map<Y.AbstractType<any>, PmNode | PmNode[]>;
}

const parsedPositions = new Map<string, Y.RelativePosition | null>();
/** Stored anchors are JSON strings; each is parsed once per page, not once per resolve. */
function relativePosition(json: string): Y.RelativePosition | null {
  let rel = parsedPositions.get(json);
  if (rel === undefined) {
    try {
      rel = Y.createRelativePositionFromJSON(JSON.parse(json));
    } catch {
      rel = null;
    }
    parsedPositions.set(json, rel);
  }
  return rel;
}

/**
 * Resolves many Yjs positions against one editor state. y-prosemirror's
 * `relativePositionToAbsolutePosition` walks every preceding sibling at every level
 * for each position, which is quadratic with a thousand threads in a long draft;
 * here each parent's child offsets are computed once per resolve and shared.
 */
export function positionResolver(binding: YBinding): (json: string) => number | null {
  const childOffsets = new Map<Y.AbstractType<unknown>, Map<Y.AbstractType<unknown>, number>>();
  const contentStarts = new Map<Y.AbstractType<unknown>, number | null>();
  const sizeOf = (type: Y.AbstractType<unknown>) => (type instanceof Y.XmlText ? type.length : ((binding.mapping.get(type) as PmNode | undefined)?.nodeSize ?? 0));
  const offsetsIn = (parent: Y.AbstractType<unknown>) => {
    let offsets = childOffsets.get(parent);
    if (!offsets) {
      offsets = new Map();
      let at = 0;
      for (let item = parent._start; item !== null; item = item.right) {
        const child = (item.content as { type?: Y.AbstractType<unknown> }).type;
        if (!child) continue;
        offsets.set(child, at);
        if (!item.deleted) at += sizeOf(child);
      }
      childOffsets.set(parent, offsets);
    }
    return offsets;
  };
  // Where the content of `type` starts in the ProseMirror document; null if it is gone.
  const contentStart = (type: Y.AbstractType<unknown>): number | null => {
    if (type === binding.type) return 0;
    const known = contentStarts.get(type);
    if (known !== undefined) return known;
    const item = type._item;
    const parent = item?.parent;
    let start: number | null = null;
    if (item && !item.deleted && parent instanceof Y.AbstractType) {
      const parentStart = contentStart(parent);
      const offset = offsetsIn(parent).get(type);
      if (parentStart !== null && offset !== undefined) start = parentStart + offset + (type instanceof Y.XmlText ? 0 : 1);
    }
    contentStarts.set(type, start);
    return start;
  };
  return (json) => {
    const rel = relativePosition(json);
    if (!rel) return null;
    const abs = Y.createAbsolutePositionFromRelativePosition(rel, binding.doc);
    if (!abs) return null;
    const start = contentStart(abs.type);
    return start === null ? null : start + abs.index;
  };
}

