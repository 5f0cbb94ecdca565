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
 * Index of each item within its parent. Yjs's own `createAbsolutePositionFromRelativePosition`
 * walks every item to the left of the anchor, which in a paragraph typed by several people
 * is hundreds of items per anchor, for every anchor. Here each parent is walked once and
 * its indexes kept until a transaction changes that parent, so a resolve while someone
 * types walks only the paragraph being typed in.
 */
// Keyed by parent type (typed `object`: Yjs types its event handlers per subtype). Weak:
// a deleted paragraph is never reported changed again, and must not be kept for it.
const indexesByDoc = new WeakMap<Y.Doc, WeakMap<object, Map<Y.Item, number>>>();

function itemIndexes(doc: Y.Doc): (item: Y.Item) => number {
  let shared = indexesByDoc.get(doc);
  if (!shared) {
    const byParent = new WeakMap<object, Map<Y.Item, number>>();
    // Before observers run, not after: y-prosemirror renders a remote change from its
    // observer, and a resolve from there must not meet the indexes of before the change.
    doc.on("beforeObserverCalls", (tr: Y.Transaction) => {
      for (const type of tr.changed.keys()) byParent.delete(type);
    });
    indexesByDoc.set(doc, (shared = byParent));
  }
  // Inside a transaction (or with one started from an observer still waiting for its
  // cleanup) a parent may have changed unreported: keep nothing past this resolve.
  const cache = doc._transaction || doc._transactionCleanups.length > 1 ? new WeakMap<object, Map<Y.Item, number>>() : shared;
  const walk = (parent: Y.AbstractType<unknown>) => {
    const indexes = new Map<Y.Item, number>();
    let at = 0;
    for (let n = parent._start; n !== null; n = n.right) {
      indexes.set(n, at);
      if (!n.deleted && n.countable) at += n.length;
    }
    cache.set(parent, indexes);
    return indexes;
  };
  return (item) => {
    const parent = item.parent as Y.AbstractType<unknown>;
    // Not known: a parent not walked yet, or an item split off since (a new object).
    return cache.get(parent)?.get(item) ?? walk(parent).get(item) ?? 0;
  };
}

/**
 * Resolves many Yjs positions against one editor state. y-prosemirror's
 * `relativePositionToAbsolutePosition` walks every preceding sibling at every level
 * for each position, which is quadratic with a thousand threads in a long draft;
 * here each parent's child offsets are computed once per resolve and shared, and the
 * index of an anchor's item within its text comes from `itemIndexes`.
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
  const indexOf = itemIndexes(binding.doc);
  // What `Y.createAbsolutePositionFromRelativePosition` returns, without its walk.
  const absolute = (rel: Y.RelativePosition): { type: Y.AbstractType<unknown>; index: number } | null => {
    const rightId = rel.item;
    if (!rightId) return Y.createAbsolutePositionFromRelativePosition(rel, binding.doc);
    const store = binding.doc.store;
    if (Y.getState(store, rightId.client) <= rightId.clock) return null;
    // Follow an undone deletion to the text that replaced it, as Yjs does by default.
    let id: Y.ID | null = rightId;
    let right: Y.Item | Y.GC | null = null;
    let diff = 0;
    while (id) {
      right = Y.getItem(store, id);
      diff = id.clock - right.id.clock;
      id = right instanceof Y.Item && right.redone ? Y.createID(right.redone.client, right.redone.clock + diff) : null;
    }
    if (!(right instanceof Y.Item)) return null;
    const type = right.parent as Y.AbstractType<unknown>;
    if (type._item && type._item.deleted) return { type, index: 0 };
    const offset = right.deleted || !right.countable ? 0 : diff + (rel.assoc >= 0 ? 0 : 1);
    return { type, index: indexOf(right) + offset };
  };
  return (json) => {
    const rel = relativePosition(json);
    if (!rel) return null;
    const abs = absolute(rel);
    if (!abs) return null;
    const start = contentStart(abs.type);
    return start === null ? null : start + abs.index;
  };
}
