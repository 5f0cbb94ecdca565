"use client";

import type { Editor } from "@tiptap/react";
import { useEffect, useState } from "react";
import { coalescedAfterPaint } from "@/lib/client/after-paint";

function sameFlags<T extends Record<string, boolean>>(a: T, b: T): boolean {
  for (const key in a) if (a[key] !== b[key]) return false;
  return true;
}

/**
 * Tiptap's `useEditorState`, read after the frame a transaction caused has been painted
 * and at most once per frame: the toolbar's state (which marks are active, whether
 * undo is possible) is worth a re-render, but not ahead of the character typed.
 */
export function useEditorFlags<T extends Record<string, boolean>>(editor: Editor, read: (editor: Editor) => T): T {
  const [flags, setFlags] = useState(() => read(editor));
  useEffect(() => {
    const refresh = coalescedAfterPaint(() => {
      if (editor.isDestroyed) return;
      const next = read(editor);
      setFlags((current) => (sameFlags(current, next) ? current : next));
    });
    editor.on("transaction", refresh.schedule);
    refresh.schedule();
    return () => {
      editor.off("transaction", refresh.schedule);
      refresh.cancel();
    };
    // `read` is a pure function of the editor: a new one each render changes nothing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor]);
  return flags;
}
