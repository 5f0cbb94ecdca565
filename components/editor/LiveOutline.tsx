"use client";

import type { Editor } from "@tiptap/react";
import { useTranslations } from "next-intl";
import { memo } from "react";
import { clauseNumberingKey, type ClauseNumbering } from "@/lib/collab/clause-ids";

/**
 * Sections and their clauses, numbered live; choosing one moves the caret there and scrolls to it.
 * Memoised: the editor around it re-renders for reasons of its own (a selection, a tab).
 */
export const LiveOutline = memo(function LiveOutline({ editor, numbering }: { editor: Editor; numbering: ClauseNumbering | null }) {
  const t = useTranslations("process");
  const sections: Array<{ id: string; number: string; text: string; clauses: Array<{ id: string; number: string; text: string }> }> = [];
  for (const c of numbering?.clauses ?? []) {
    if (c.kind === "heading") sections.push({ id: c.clauseId, number: c.number, text: c.text, clauses: [] });
    else if (c.kind === "clause" && sections.length) sections[sections.length - 1].clauses.push({ id: c.clauseId, number: c.number, text: c.text });
  }
  const jump = (id: string) => {
    // The outline shown may be seconds old while people type; the editor's numbering is current.
    const pos = (clauseNumberingKey.getState(editor.state)?.numbering ?? numbering)?.positions.get(id);
    if (pos === undefined) return;
    editor.chain().focus().setTextSelection(pos + 1).run();
    const dom = editor.view.nodeDOM(pos);
    if (dom instanceof HTMLElement) dom.scrollIntoView({ block: "start", behavior: "smooth" });
  };
  return (
    <nav className="outline card" aria-label={t("outline")} data-testid="live-outline">
      <details open>
        <summary className="label">{t("outline")}</summary>
        {sections.length === 0 ? (
          <p className="small muted">{t("outlineEmpty")}</p>
        ) : (
          <ol>
            {sections.map((s) => (
              <li key={s.id}>
                <button type="button" className="outline__link" onClick={() => jump(s.id)}>
                  <span className="section-number">{s.number}</span>
                  <span>{s.text}</span>
                </button>
                {s.clauses.length ? (
                  <ol className="outline__clauses">
                    {s.clauses.map((c) => (
                      <li key={c.id}>
                        <button type="button" className="outline__link outline__link--clause" onClick={() => jump(c.id)} title={c.text}>
                          <span className="section-number">{c.number}</span>
                          <span className="outline__excerpt">{c.text}</span>
                        </button>
                      </li>
                    ))}
                  </ol>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </details>
    </nav>
  );
});
