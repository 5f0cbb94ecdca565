import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { DocNode } from "@/lib/domain/draft-doc";
import { DraftView } from "./DraftView";

const link = (href: string, text: string): DocNode => ({ type: "text", text, marks: [{ type: "link", attrs: { href } }] });
const doc: DocNode = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2, clauseId: "s1" }, content: [{ type: "text", text: "Section" }] },
    {
      type: "paragraph",
      attrs: { clauseId: "c1" },
      content: [
        link("https://example.org/report", "safe"),
        link("javascript:alert(1)", "script"),
        link("data:text/html,<b>x</b>", "data"),
        link("mailto:envoy@example.org", "mail"),
        { type: "text", text: "<img src=x onerror=alert(1)>" },
      ],
    },
  ],
};

describe("DraftView", () => {
  const html = renderToStaticMarkup(<DraftView doc={doc} numbers={{ s1: "1", c1: "1.1" }} language="en" emptyLabel="empty" />);

  it("keeps only http(s) and mailto links", () => {
    expect(html).toContain('href="https://example.org/report"');
    expect(html).toContain('href="mailto:envoy@example.org"');
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("data:text/html");
    expect(html).toContain("script"); // the text survives, without a link
  });

  it("escapes text, so markup typed into the draft stays text", () => {
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("numbers sections and clauses", () => {
    expect(html).toContain('data-clause-number="1.1"');
    expect(html).toMatch(/<span class="section-number">1<\/span>/);
  });
});
