import { tableNodeTypes } from "@tiptap/pm/tables";
import { describe, expect, it } from "vitest";
import { documentSchema } from "./doc-json";

describe("document schema", () => {
  // Stored drafts and every client's Yjs document depend on these names: a node or mark
  // missing here would be dropped from the text when a draft is opened.
  it("keeps every node and mark that stored drafts use", () => {
    const schema = documentSchema();
    expect(Object.keys(schema.nodes).sort()).toEqual(
      [
        "blockquote",
        "bulletList",
        "codeBlock",
        "doc",
        "hardBreak",
        "heading",
        "horizontalRule",
        "listItem",
        "orderedList",
        "paragraph",
        "table",
        "tableCell",
        "tableHeader",
        "tableRow",
        "text",
      ].sort(),
    );
    expect(Object.keys(schema.marks).sort()).toEqual(["bold", "code", "italic", "link", "strike", "underline"]);
    expect(Object.keys(schema.marks.link.spec.attrs ?? {})).toEqual(["href", "target", "rel", "class", "title"]);
  });

  it("marks the table nodes so the table editing loaded later recognises them", () => {
    const types = tableNodeTypes(documentSchema());
    expect(Object.fromEntries(Object.entries(types).map(([role, type]) => [role, type.name]))).toEqual({
      table: "table",
      row: "tableRow",
      cell: "tableCell",
      header_cell: "tableHeader",
    });
  });

  it("shows only http, https and mailto links, whatever a document carries", () => {
    const schema = documentSchema();
    const render = (href: string) => {
      const spec = schema.marks.link.spec.toDOM!(schema.marks.link.create({ href }), true) as [string, Record<string, string>, number];
      return spec[1];
    };
    expect(render("https://example.org/a")).toMatchObject({ href: "https://example.org/a", rel: "noopener noreferrer nofollow", target: "_blank" });
    expect(render("mailto:envoy@example.org").href).toBe("mailto:envoy@example.org");
    expect(render("javascript:alert(1)").href).toBe("");
    expect(render("data:text/html,<b>x</b>").href).toBe("");
  });

  it("does not take unsafe links from pasted HTML", () => {
    const rule = documentSchema().marks.link.spec.parseDOM![0] as unknown as { getAttrs: (dom: { getAttribute: (name: string) => string | null }) => unknown };
    const anchor = (href: string) => ({ getAttribute: (name: string) => (name === "href" ? href : null) });
    expect(rule.getAttrs(anchor("https://example.org"))).toMatchObject({ href: "https://example.org" });
    expect(rule.getAttrs(anchor("javascript:alert(1)"))).toBe(false);
  });
});
