"use client";

import { Extension } from "@tiptap/core";
import { Plugin, PluginKey, type EditorState } from "@tiptap/pm/state";
import { Decoration, DecorationSet } from "@tiptap/pm/view";
import { absolutePositionToRelativePosition, ySyncPluginKey } from "@tiptap/y-tiptap";
import * as Y from "yjs";
import { positionResolver, type YBinding } from "@/lib/collab/anchor-resolver";
import { clauseNumberingKey, numberDocument } from "@/lib/collab/clause-ids";

export interface AnchorInput {
  id: string;
  anchorStart: string;
  anchorEnd: string;
  open: boolean;
  clauseId: string;
  /** The group of whoever started the thread (margin counts). */
  groupLabel: string;
  groupColour: string;
}

export interface MarginCount {
  clauseId: string;
  /** Position of the clause block the counts sit at. */
  pos: number;
  /** Open threads per group label. */
  groups: Array<{ label: string; colour: string; count: number }>;
}

interface AnchorState {
  /** Positions were mapped through edits since the last full resolve; a resolve is due. */
  stale: boolean;
  anchors: AnchorInput[];
  active: string | null;
  /** Resolved ranges; null = the anchored text is gone (detached). */
  ranges: Map<string, { from: number; to: number } | null>;
  decorations: DecorationSet;
}

export const commentAnchorsKey = new PluginKey<AnchorState>("commentAnchors");

// Highlights are mapped through each edit at once; the full resolve from Yjs positions
// waits for a pause in typing, but never longer than RESOLVE_MAX_WAIT_MS.
const RESOLVE_DELAY_MS = 400;
const RESOLVE_MAX_WAIT_MS = 2000;

/** What the panel cares about: which anchors resolve and in what order. */
function signature(ranges: Map<string, { from: number; to: number } | null>): string {
  return [...ranges]
    .map(([id, r]) => [id, r ? r.from : -1] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([id, from]) => (from < 0 ? `${id}:x` : id))
    .join(",");
}

function bindingOf(state: EditorState): YBinding | null {
  const binding = (ySyncPluginKey.getState(state) as { binding?: YBinding } | undefined)?.binding;
  return binding?.mapping ? binding : null;
}

function resolve(state: EditorState, anchors: AnchorInput[]): Map<string, { from: number; to: number } | null> {
  const out = new Map<string, { from: number; to: number } | null>();
  const binding = bindingOf(state);
  const position = binding ? positionResolver(binding) : null;
  for (const a of anchors) {
    const from = position?.(a.anchorStart) ?? null;
    const to = position?.(a.anchorEnd) ?? null;
    const valid = from !== null && to !== null && from < to && to <= state.doc.content.size;
    out.set(a.id, valid ? { from, to } : null);
  }
  return out;
}

function marginWidget(margin: MarginCount, label: (n: number) => string): HTMLElement {
  const box = document.createElement("span");
  box.className = "comment-margin";
  box.setAttribute("contenteditable", "false");
  box.setAttribute("data-testid", "comment-margin");
  const total = margin.groups.reduce((n, g) => n + g.count, 0);
  box.setAttribute("aria-label", label(total));
  for (const g of margin.groups) {
    const chip = document.createElement("span");
    chip.className = "comment-margin__chip";
    chip.style.background = g.colour;
    chip.textContent = `${g.count} ${g.label}`;
    box.append(chip);
  }
  return box;
}

/** Open, still-anchored threads per clause and starter's group, placed at the clause. */
function marginsOf(state: EditorState, anchors: AnchorInput[], ranges: Map<string, { from: number; to: number } | null>): MarginCount[] {
  // The numbering plugin's state may not be computed yet for this transaction
  // (plugin order is Tiptap's), so number the document directly when needed.
  const positions = (clauseNumberingKey.getState(state)?.numbering ?? numberDocument(state.doc)).positions;
  const byClause = new Map<string, Map<string, MarginCount["groups"][number]>>();
  for (const a of anchors) {
    if (!a.open || !ranges.get(a.id)) continue;
    const groups = byClause.get(a.clauseId) ?? new Map();
    const entry = groups.get(a.groupLabel) ?? { label: a.groupLabel, colour: a.groupColour, count: 0 };
    entry.count += 1;
    groups.set(a.groupLabel, entry);
    byClause.set(a.clauseId, groups);
  }
  const out: MarginCount[] = [];
  for (const [clauseId, groups] of byClause) {
    const pos = positions.get(clauseId);
    if (pos !== undefined) out.push({ clauseId, pos, groups: [...groups.values()] });
  }
  return out;
}

function build(state: EditorState, anchors: AnchorInput[], active: string | null, label: (n: number) => string): AnchorState {
  const ranges = resolve(state, anchors);
  const margins = marginsOf(state, anchors, ranges);
  const decorations: Decoration[] = [];
  for (const a of anchors) {
    const range = ranges.get(a.id);
    if (!range) continue;
    decorations.push(
      Decoration.inline(range.from, range.to, {
        class: `comment-anchor${a.open ? "" : " comment-anchor--resolved"}${a.id === active ? " is-active" : ""}`,
        "data-thread-id": a.id,
      }),
    );
  }
  for (const m of margins) {
    if (m.pos < 0 || m.pos >= state.doc.content.size) continue;
    decorations.push(Decoration.widget(m.pos + 1, () => marginWidget(m, label), { side: -1, key: `m${m.clauseId}-${m.groups.map((g) => g.label + g.count).join()}`, ignoreSelection: true }));
  }
  return { stale: false, anchors, active, ranges, decorations: DecorationSet.create(state.doc, decorations) };
}

export interface CommentAnchorsOptions {
  onOpenThread: (id: string) => void;
  onRanges: (ranges: Map<string, { from: number; to: number } | null>) => void;
  marginLabel: (count: number) => string;
}

/**
 * Highlights the text each thread is anchored to (Yjs relative positions, so the
 * highlight follows concurrent edits), shows open-thread counts per group in the
 * margin of each clause, opens a thread when its highlight is clicked, and reports
 * which anchors no longer resolve (their text was deleted) so the panel can list
 * them as detached.
 */
export const CommentAnchors = Extension.create<CommentAnchorsOptions>({
  name: "commentAnchors",

  addOptions() {
    return { onOpenThread: () => undefined, onRanges: () => undefined, marginLabel: (n: number) => String(n) };
  },

  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<AnchorState>({
        key: commentAnchorsKey,
        state: {
          init: (_config, state) => build(state, [], null, options.marginLabel),
          apply: (tr, value, _old, state) => {
            const meta = tr.getMeta(commentAnchorsKey) as Partial<Pick<AnchorState, "anchors" | "active">> | undefined;
            if (meta) {
              return build(state, meta.anchors ?? value.anchors, "active" in meta ? (meta.active ?? null) : value.active, options.marginLabel);
            }
            if (!tr.docChanged) return value;
            // Resolving every anchor from its Yjs position costs time in proportion to the
            // number of threads: on each keystroke, only map the highlights through the
            // edit, and resolve properly a moment later.
            return { ...value, stale: true, decorations: value.decorations.map(tr.mapping, tr.doc) };
          },
        },
        props: {
          decorations: (state) => commentAnchorsKey.getState(state)?.decorations,
          handleClick: (_view, _pos, event) => {
            const target = (event.target as HTMLElement | null)?.closest?.("[data-thread-id]");
            const id = target?.getAttribute("data-thread-id");
            if (id) options.onOpenThread(id);
            return false;
          },
        },
        view: () => {
          let last: AnchorState["ranges"] | null = null;
          let timer: ReturnType<typeof setTimeout> | null = null;
          let staleSince = 0;
          let lastDoc: unknown = null;
          return {
            update: (view) => {
              const state = commentAnchorsKey.getState(view.state);
              if (state?.ranges && state.ranges !== last) {
                const changed = !last || signature(last) !== signature(state.ranges);
                last = state.ranges;
                if (changed) options.onRanges(state.ranges);
              }
              if (!state?.stale) {
                staleSince = 0;
                return;
              }
              if (timer && view.state.doc === lastDoc) return;
              lastDoc = view.state.doc;
              const now = Date.now();
              staleSince ||= now;
              if (timer) clearTimeout(timer);
              timer = setTimeout(
                () => {
                  timer = null;
                  if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(commentAnchorsKey, {}).setMeta("addToHistory", false));
                },
                Math.max(0, Math.min(RESOLVE_DELAY_MS, staleSince + RESOLVE_MAX_WAIT_MS - now)),
              );
            },
            destroy: () => {
              if (timer) clearTimeout(timer);
            },
          };
        },
      }),
    ];
  },
});

/** The current selection as a comment anchor: within one block, as Yjs relative positions. */
export function selectionAnchor(state: EditorState): { anchorStart: string; anchorEnd: string; quote: string; from: number; to: number } | null {
  const { from, $from } = state.selection;
  let { to } = state.selection;
  if (from === to) return null;
  // One block only: a selection running into the next clause is cut at the end of the first.
  const blockEnd = $from.end();
  if (to > blockEnd) to = blockEnd;
  const quote = state.doc.textBetween(from, to, " ").trim();
  if (!quote) return null;
  const binding = bindingOf(state);
  if (!binding) return null;
  const start = absolutePositionToRelativePosition(from, binding.type, binding.mapping);
  const end = absolutePositionToRelativePosition(to, binding.type, binding.mapping);
  return {
    anchorStart: JSON.stringify(Y.relativePositionToJSON(start)),
    anchorEnd: JSON.stringify(Y.relativePositionToJSON(end)),
    quote: quote.slice(0, 1000),
    from,
    to,
  };
}
