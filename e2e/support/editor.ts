import { expect, type Page } from "@playwright/test";

/** The live editor, once the document is loaded. */
export async function liveEditor(page: Page) {
  await expect(page.getByTestId("workspace")).toHaveAttribute("data-ready", "true", { timeout: 20_000 });
  return page.getByTestId("editor");
}

/** The editor's text without remote caret labels (they live inside the editable DOM). */
export async function editorText(page: Page): Promise<string> {
  return page.getByTestId("editor").evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll(".collaboration-carets__caret").forEach((c) => c.remove());
    return copy.textContent ?? "";
  });
}

/** Puts the caret at the end of a clause's text. */
export async function caretAtEndOf(page: Page, clauseNumber: string): Promise<void> {
  const editor = page.getByTestId("editor");
  await editor.focus();
  await editor.evaluate((root, number) => {
    const block = root.querySelector(`[data-clause-number="${number}"]`);
    if (!block) throw new Error(`no clause ${number}`);
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let last: Text | null = null;
    while (walker.nextNode()) last = walker.currentNode as Text;
    const range = document.createRange();
    if (last) range.setStart(last, last.length);
    else range.setStart(block, 0);
    range.collapse(true);
    const selection = window.getSelection()!;
    selection.removeAllRanges();
    selection.addRange(range);
  }, clauseNumber);
}

/** Selects `word` inside a clause of the live editor (as a mouse drag would). */
export async function selectInClause(page: Page, clauseNumber: string, word: string): Promise<void> {
  const editor = page.getByTestId("editor");
  await editor.evaluate(
    (root, [number, text]) => {
      const block = root.querySelector(`[data-clause-number="${number}"]`);
      if (!block) throw new Error(`no clause ${number}`);
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const node = walker.currentNode as Text;
        const index = node.data.indexOf(text);
        if (index < 0) continue;
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + text.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
      throw new Error(`"${text}" not in clause ${number}`);
    },
    [clauseNumber, word] as const,
  );
}
