import {
  CLAUSE_BLOCKS,
  CLAUSE_ID_ATTR,
  LIST_BLOCKS,
  SECTION_HEADING_MAX_LEVEL,
  headingLevel,
  nodeText,
  type DocNode,
} from "./draft-doc";

export type ClauseKind = "heading" | "subheading" | "preamble" | "clause";

export interface DerivedClause {
  clauseId: string;
  kind: ClauseKind;
  /** "3" for a section heading, "3.4" for a clause, "" for unnumbered blocks. */
  number: string;
  position: number;
  text: string;
}

function idOf(node: DocNode): string | null {
  const id = node.attrs?.[CLAUSE_ID_ATTR];
  return typeof id === "string" && id.length > 0 ? id : null;
}

/** What numbering needs to know about one identifiable block (editor and server alike). */
export interface BlockInfo {
  clauseId: string | null;
  type: string;
  headingLevel: number;
  hasText: boolean;
  text: string;
}

/**
 * Numbers the draft: each section heading (level 1–2) starts section n; every block
 * with text under it (paragraph, list item, table, quote) is clause n.m. Empty
 * blocks and blocks before the first heading get no number. A block without an id,
 * or with an id already used earlier in the document, is skipped: ids are assigned
 * by the editor (`ensureClauseIds` for stored JSON), never invented here.
 */
export function numberBlocks(blocks: Iterable<BlockInfo>): DerivedClause[] {
  const out: DerivedClause[] = [];
  const seen = new Set<string>();
  let section = 0;
  let clause = 0;
  let position = 0;
  for (const block of blocks) {
    const { clauseId, text } = block;
    if (!clauseId || seen.has(clauseId)) continue;
    if (block.type === "heading") {
      seen.add(clauseId);
      if (block.headingLevel <= SECTION_HEADING_MAX_LEVEL) {
        section += 1;
        clause = 0;
        out.push({ clauseId, kind: "heading", number: String(section), position: position++, text });
      } else {
        out.push({ clauseId, kind: "subheading", number: "", position: position++, text });
      }
      continue;
    }
    if (!CLAUSE_BLOCKS.has(block.type) || !block.hasText) continue;
    seen.add(clauseId);
    if (section === 0) {
      out.push({ clauseId, kind: "preamble", number: "", position: position++, text });
      continue;
    }
    clause += 1;
    out.push({ clauseId, kind: "clause", number: `${section}.${clause}`, position: position++, text });
  }
  return out;
}

function infoOf(node: DocNode): BlockInfo {
  const text = nodeText(node);
  return { clauseId: idOf(node), type: node.type, headingLevel: headingLevel(node), hasText: text.length > 0, text };
}

/**
 * What numbering reads from one top-level block: the block itself, or the items
 * of a list. Per block so a caller that knows which blocks changed can keep the rest.
 */
export function blockInfosOf(block: DocNode): BlockInfo[] {
  return LIST_BLOCKS.has(block.type) ? (block.content ?? []).map(infoOf) : [infoOf(block)];
}

/** `numberBlocks` over stored ProseMirror JSON. */
export function deriveClauses(doc: DocNode): DerivedClause[] {
  return numberBlocks((doc.content ?? []).flatMap(blockInfosOf));
}

/**
 * Gives every identifiable node an id and makes ids unique: the first occurrence
 * in document order keeps its id, later copies (a split paragraph, a paste) get a
 * fresh one. Returns a new document; the input is not modified.
 */
export function ensureClauseIds(doc: DocNode, newId: () => string): DocNode {
  const seen = new Set<string>();
  const fix = (node: DocNode): DocNode => {
    const current = idOf(node);
    let id = current;
    if (!id || seen.has(id)) {
      do id = newId();
      while (seen.has(id));
    }
    seen.add(id);
    return id === current ? node : { ...node, attrs: { ...node.attrs, [CLAUSE_ID_ATTR]: id } };
  };
  return {
    ...doc,
    content: (doc.content ?? []).map((block) =>
      LIST_BLOCKS.has(block.type) ? { ...block, content: (block.content ?? []).map(fix) } : fix(block),
    ),
  };
}
