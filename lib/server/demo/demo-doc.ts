import type { DocNode } from "@/lib/domain/draft-doc";
import type { DemoDraft } from "./demo-text";

const paragraph = (text: string, clauseId?: string): DocNode => ({
  type: "paragraph",
  ...(clauseId ? { attrs: { clauseId } } : {}),
  content: [{ type: "text", text }],
});

/**
 * Turns the demo text into a Tiptap document with deterministic clause ids
 * (s1, s1-c1, …) so documentation and tests can point at a clause.
 */
export function demoDocument(draft: DemoDraft): DocNode {
  const content: DocNode[] = [];
  draft.sections.forEach((section, s) => {
    const sectionId = `s${s + 1}`;
    content.push({ type: "heading", attrs: { level: 2, clauseId: sectionId }, content: [{ type: "text", text: section.heading }] });
    let clause = 0;
    for (const block of section.blocks) {
      if (typeof block === "string") {
        content.push(paragraph(block, `${sectionId}-c${++clause}`));
        continue;
      }
      content.push({
        type: block.list === "ordered" ? "orderedList" : "bulletList",
        content: block.items.map((item) => ({
          type: "listItem",
          attrs: { clauseId: `${sectionId}-c${++clause}` },
          content: [paragraph(item)],
        })),
      });
    }
  });
  return { type: "doc", content };
}
