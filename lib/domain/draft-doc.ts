/** The subset of ProseMirror/Tiptap JSON that Accord stores and renders. */
export interface DocMark {
  type: string;
  attrs?: Record<string, unknown>;
}

export interface DocNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: DocNode[];
  text?: string;
  marks?: DocMark[];
}

export const CLAUSE_ID_ATTR = "clauseId";

/** Node types whose top-level occurrence (or list item) is numbered as a clause. */
export const CLAUSE_BLOCKS = new Set(["paragraph", "listItem", "table", "blockquote", "codeBlock"]);
export const LIST_BLOCKS = new Set(["bulletList", "orderedList"]);

/** Headings of level 1–2 open a numbered section; deeper headings are unnumbered sub-headings. */
export const SECTION_HEADING_MAX_LEVEL = 2;

export function headingLevel(node: DocNode): number {
  const level = Number(node.attrs?.level ?? 1);
  return Number.isInteger(level) && level > 0 ? level : 1;
}

export function nodeText(node: DocNode): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  const parts = (node.content ?? []).map(nodeText);
  const isContainer = (node.content ?? []).some((child) => child.type !== "text" && child.type !== "hardBreak");
  return parts.join(isContainer ? "\n" : "").trim();
}

/** Only these link targets are ever rendered or kept: no javascript:, data: or relative tricks. */
export function isSafeHref(href: unknown): href is string {
  if (typeof href !== "string") return false;
  try {
    const url = new URL(href);
    return url.protocol === "http:" || url.protocol === "https:" || url.protocol === "mailto:";
  } catch {
    return false;
  }
}
