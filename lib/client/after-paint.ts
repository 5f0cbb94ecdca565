/**
 * Runs `fn` once the next frame has been painted. What a keystroke changes around the
 * editor (the save line, the toolbar, the clause the caret is in) is re-rendered after
 * the typed character is on screen, not before: each React commit while the editor
 * has focus also walks the draft's whole DOM (React saves the selection of a focused
 * contenteditable), which on a slow phone held the character back by tens of ms.
 * Returns a function that cancels the call.
 */
export function afterPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let frame: number | null = null;
  // A hidden tab paints nothing and runs no frames: do not wait for one.
  if (document.visibilityState === "hidden") timer = setTimeout(fn, 0);
  else
    frame = requestAnimationFrame(() => {
      frame = null;
      timer = setTimeout(fn, 0);
    });
  return () => {
    if (frame !== null) cancelAnimationFrame(frame);
    if (timer !== null) clearTimeout(timer);
  };
}

/** A function that runs `fn` after the next paint, once however often it was called before. */
export function coalescedAfterPaint(fn: () => void): { schedule: () => void; cancel: () => void } {
  let cancel: (() => void) | null = null;
  return {
    schedule: () => {
      cancel ??= afterPaint(() => {
        cancel = null;
        fn();
      });
    },
    cancel: () => {
      cancel?.();
      cancel = null;
    },
  };
}
