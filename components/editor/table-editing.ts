"use client";

import type { Editor } from "@tiptap/core";

const enabled = new WeakSet<Editor>();

/**
 * Loads prosemirror-tables (cell selection, Tab to the next cell, a new row from the last
 * one) the first time someone works in a table, instead of with every draft page.
 */
export async function enableTableEditing(editor: Editor): Promise<void> {
  if (enabled.has(editor) || editor.isDestroyed || !editor.isEditable) return;
  enabled.add(editor);
  let modules;
  try {
    modules = await Promise.all([import("@tiptap/pm/tables"), import("@tiptap/pm/keymap")]);
  } catch {
    // Offline before it was ever loaded: try again the next time the caret enters a table.
    enabled.delete(editor);
    return;
  }
  const [{ tableEditing, goToNextCell, addRowAfter }, { keymap }] = modules;
  if (editor.isDestroyed) return;
  editor.registerPlugin(tableEditing());
  editor.registerPlugin(
    keymap({
      Tab: (state, dispatch, view) => goToNextCell(1)(state, dispatch) || (!!view && addRowAfter(state, dispatch) && goToNextCell(1)(view.state, view.dispatch)),
      "Shift-Tab": goToNextCell(-1),
    }),
  );
}
