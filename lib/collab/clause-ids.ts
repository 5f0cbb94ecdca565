import { Extension } from "@tiptap/core";
import type { Node as PmNode } from "@tiptap/pm/model";
import { Plugin, PluginKey, type EditorState, type Transaction } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { ySyncPluginKey } from "@tiptap/y-tiptap";
import { numberBlocks, type BlockInfo, type DerivedClause } from "@/lib/domain/clauses";
import { CLAUSE_ID_ATTR, LIST_BLOCKS } from "@/lib/domain/draft-doc";
import { newClauseId } from "./ids";

/** Node types that can carry a clause id (top-level blocks and list items). */
export const IDENTIFIED_TYPES = ["paragraph", "heading", "listItem", "table", "blockquote", "codeBlock"];

export interface ClauseNumbering {
  clauses: DerivedClause[];
  /** Document position of each numbered block, by clause id. */
  positions: Map<string, number>;
}

// PM nodes are immutable and shared between versions: unchanged blocks keep their cached text.
const textCache = new WeakMap<PmNode, string>();
function textOf(node: PmNode): string {
  let text = textCache.get(node);
  if (text === undefined) {
    text = node.textBetween(0, node.content.size, "\n", "\n").trim();
    textCache.set(node, text);
  }
  return text;
}

function* identifiedNodes(doc: PmNode): Generator<{ node: PmNode; pos: number }> {
  let offset = 0;
  for (let i = 0; i < doc.childCount; i++) {
    const block = doc.child(i);
    if (LIST_BLOCKS.has(block.type.name)) {
      let inner = offset + 1;
      for (let j = 0; j < block.childCount; j++) {
        const item = block.child(j);
        yield { node: item, pos: inner };
        inner += item.nodeSize;
      }
    } else {
      yield { node: block, pos: offset };
    }
    offset += block.nodeSize;
  }
}

/** The live numbering of a ProseMirror document — the same rule the server stores. */
export function numberDocument(doc: PmNode): ClauseNumbering {
  const positions = new Map<string, number>();
  const infos: BlockInfo[] = [];
  for (const { node, pos } of identifiedNodes(doc)) {
    const clauseId = (node.attrs[CLAUSE_ID_ATTR] as string | null) ?? null;
    const text = textOf(node);
    if (clauseId && !positions.has(clauseId)) positions.set(clauseId, pos);
    infos.push({ clauseId, type: node.type.name, headingLevel: Number(node.attrs.level ?? 1), hasText: text.length > 0, text });
  }
  return { clauses: numberBlocks(infos), positions };
}

/**
 * Gives new blocks an id and renames copies (paste, split) in the same local
 * transaction that made them, so only the author of a block ever names it.
 * Remote changes and read-only editors never write ids.
 */
function assignIds(transactions: readonly Transaction[], state: EditorState, editable: () => boolean): Transaction | null {
  if (!editable()) return null;
  const local = transactions.some((tr) => tr.docChanged && !tr.getMeta(ySyncPluginKey)?.isChangeOrigin);
  if (!local) return null;
  const seen = new Set<string>();
  let tr: Transaction | null = null;
  for (const { node, pos } of identifiedNodes(state.doc)) {
    const id = node.attrs[CLAUSE_ID_ATTR] as string | null;
    if (id && !seen.has(id)) {
      seen.add(id);
      continue;
    }
    let fresh = newClauseId();
    while (seen.has(fresh)) fresh = newClauseId();
    seen.add(fresh);
    tr ??= state.tr;
    tr.setNodeAttribute(pos, CLAUSE_ID_ATTR, fresh);
  }
  if (tr) tr.setMeta("addToHistory", false);
  return tr;
}

export const clauseNumberingKey = new PluginKey<NumberingState>("clauseNumbering");

/** What the numbering decorations show: which blocks are numbered, how, in what order. */
function clauseNumbersKey(numbering: ClauseNumbering): string {
  return numbering.clauses.map((c) => (c.number ? `${c.clauseId}=${c.number}:${c.kind}` : "")).join(",");
}

export type NumberingState = { numbering: ClauseNumbering; decorations: DecorationSet; key: string; count: number };

/**
 * After a keystroke the numbers are almost always as they were: the old decorations,
 * mapped through the edit, are then the new ones, and rebuilding 200 of them for
 * every key is avoided. A change of numbers, or a mapping that lost a decoration (a
 * block replaced, as a remote change replaces the document), builds them afresh.
 */
export function renumber(tr: Transaction, value: NumberingState, doc: PmNode): NumberingState {
  const numbering = numberDocument(doc);
  const key = clauseNumbersKey(numbering);
  if (key === value.key && !tr.getMeta(ySyncPluginKey)?.isChangeOrigin) {
    const decorations = value.decorations.map(tr.mapping, doc);
    if (decorations.find().length === value.count) return { numbering, decorations, key, count: value.count };
  }
  return decorate(doc, numbering, key);
}

export function decorate(doc: PmNode, numbering = numberDocument(doc), key = clauseNumbersKey(numbering)): NumberingState {
  const decorations: Decoration[] = [];
  for (const clause of numbering.clauses) {
    const pos = numbering.positions.get(clause.clauseId);
    if (pos === undefined || !clause.number) continue;
    const node = doc.nodeAt(pos);
    if (!node) continue;
    decorations.push(
      Decoration.node(pos, pos + node.nodeSize, {
        "data-clause-number": clause.number,
        class: clause.kind === "heading" ? "clause-heading" : "clause-block",
      }),
    );
  }
  return { numbering, decorations: DecorationSet.create(doc, decorations), key, count: decorations.length };
}

export interface ClauseIdsOptions {
  /** Called with the new numbering whenever the document changes, and its `clauseNumbersKey`. */
  onNumbering?: (numbering: ClauseNumbering, numbersKey: string) => void;
}

export const ClauseIds = Extension.create<ClauseIdsOptions>({
  name: "clauseIds",

  addOptions() {
    return { onNumbering: undefined };
  },

  addGlobalAttributes() {
    return [
      {
        types: IDENTIFIED_TYPES,
        attributes: {
          [CLAUSE_ID_ATTR]: {
            default: null,
            // Pressing Enter mid-clause: the first half keeps the id, the new half gets a new one.
            keepOnSplit: false,
            parseHTML: (element) => element.getAttribute("data-clause-id"),
            renderHTML: (attributes) =>
              attributes[CLAUSE_ID_ATTR] ? { "data-clause-id": attributes[CLAUSE_ID_ATTR] as string } : {},
          },
        },
      },
    ];
  },

  addProseMirrorPlugins() {
    const editor = this.editor;
    const onNumbering = this.options.onNumbering;
    return [
      new Plugin({
        key: new PluginKey("clauseIdAssignment"),
        appendTransaction: (transactions, _old, state) => assignIds(transactions, state, () => editor.isEditable),
      }),
      new Plugin({
        key: clauseNumberingKey,
        state: {
          init: (_config, state) => decorate(state.doc),
          apply: (tr, value, _old, state) => (tr.docChanged ? renumber(tr, value, state.doc) : value),
        },
        props: {
          decorations: (state) => clauseNumberingKey.getState(state)?.decorations,
        },
        view: () => {
          let last: ClauseNumbering | null = null;
          return {
            update: (view) => {
              const current = clauseNumberingKey.getState(view.state);
              if (current && current.numbering !== last) {
                last = current.numbering;
                onNumbering?.(current.numbering, current.key);
              }
            },
          };
        },
      }),
    ];
  },
});
