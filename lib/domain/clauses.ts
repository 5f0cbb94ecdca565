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

/** The nodes that carry a clause id: top-level blocks and the items of top-level lists. */
function* identifiedNodes(doc: DocNode): Generator<DocNode> {
  for (const block of doc.content ?? []) {
    if (LIST_BLOCKS.has(block.type)) {
      for (const item of block.content ?? []) yield item;
    } else {
      yield block;
    }
  }
}

/**
 * Numbers the draft: each section heading (level 1–2) starts section n; every block
 * with text under it (paragraph, list item, table, quote) is clause n.m. Empty
 * blocks and blocks before the first heading get no number. Pure: it reads ids, it
 * never invents them — run `ensureClauseIds` first.
 */
export function deriveClauses(doc: DocNode): DerivedClause[] {
  const out: DerivedClause[] = [];
  let section = 0;
  let clause = 0;
  let position = 0;
  for (const node of identifiedNodes(doc)) {
    const clauseId = idOf(node);
    const text = nodeText(node);
    if (!clauseId) continue;
    if (node.type === "heading") {
      if (headingLevel(node) <= SECTION_HEADING_MAX_LEVEL) {
        section += 1;
        clause = 0;
        out.push({ clauseId, kind: "heading", number: String(section), position: position++, text });
      } else {
        out.push({ clauseId, kind: "subheading", number: "", position: position++, text });
      }
      continue;
    }
    if (!CLAUSE_BLOCKS.has(node.type) || text.length === 0) continue;
    if (section === 0) {
      out.push({ clauseId, kind: "preamble", number: "", position: position++, text });
      continue;
    }
    clause += 1;
    out.push({ clauseId, kind: "clause", number: `${section}.${clause}`, position: position++, text });
  }
  return out;
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
