"use client";

import type { Editor } from "@tiptap/react";
import { useTranslations } from "next-intl";
import { isSafeHref } from "@/lib/domain/draft-doc";
import { useEditorFlags } from "./use-editor-flags";

const LINK_ICON = (
  <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round">
    <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
    <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
  </svg>
);
const TABLE_ICON = (
  <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
    <rect x="3" y="4" width="18" height="16" rx="1.5" />
    <path d="M3 10h18M3 15h18M9 4v16M15 4v16" />
  </svg>
);

function readFlags(e: Editor) {
  return {
    bold: e.isActive("bold"),
    italic: e.isActive("italic"),
    h2: e.isActive("heading", { level: 2 }),
    h3: e.isActive("heading", { level: 3 }),
    bullet: e.isActive("bulletList"),
    ordered: e.isActive("orderedList"),
    link: e.isActive("link"),
    table: e.isActive("table"),
    canUndo: e.can().undo(),
    canRedo: e.can().redo(),
  };
}

/** Formatting controls. Every button has a text label for assistive technology and a keyboard shortcut in the editor. */
export function Toolbar({ editor }: { editor: Editor }) {
  const t = useTranslations("editor.toolbar");
  const state = useEditorFlags(editor, readFlags);

  const button = (key: string, label: string, active: boolean, run: () => void, disabled = false, glyph?: React.ReactNode) => (
    <button
      key={key}
      type="button"
      className={`toolbar__button${active ? " is-active" : ""}`}
      aria-pressed={active}
      aria-label={label}
      title={label}
      disabled={disabled}
      onMouseDown={(e) => e.preventDefault()}
      onClick={run}
    >
      <span aria-hidden="true">{glyph ?? label}</span>
    </button>
  );

  const chain = () => editor.chain().focus();
  return (
    <div className="toolbar" role="toolbar" aria-label={t("label")} data-testid="toolbar">
      {button("h2", t("section"), state.h2, () => chain().toggleHeading({ level: 2 }).run(), false, "H2")}
      {button("h3", t("subheading"), state.h3, () => chain().toggleHeading({ level: 3 }).run(), false, "H3")}
      {button("bold", t("bold"), state.bold, () => chain().toggleBold().run(), false, "B")}
      {button("italic", t("italic"), state.italic, () => chain().toggleItalic().run(), false, "I")}
      {button("bullet", t("bulletList"), state.bullet, () => chain().toggleBulletList().run(), false, "•")}
      {button("ordered", t("orderedList"), state.ordered, () => chain().toggleOrderedList().run(), false, "1.")}
      {button("link", state.link ? t("unlink") : t("link"), state.link, () => {
        if (state.link) return chain().unsetLink().run();
        const href = window.prompt(t("linkPrompt"), "https://");
        if (!href) return;
        if (!isSafeHref(href)) return window.alert(t("linkRefused"));
        chain().extendMarkRange("link").setLink({ href }).run();
      }, false, LINK_ICON)}
      {button("table", t("table"), state.table, () => chain().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run(), state.table, TABLE_ICON)}
      {button("undo", t("undo"), false, () => chain().undo().run(), !state.canUndo, "↶")}
      {button("redo", t("redo"), false, () => chain().redo().run(), !state.canRedo, "↷")}
    </div>
  );
}
