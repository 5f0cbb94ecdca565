import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { afterPaint, coalescedAfterPaint } from "./after-paint";

describe("afterPaint", () => {
  let frames: Array<() => void>;
  let visibility: "visible" | "hidden";
  beforeEach(() => {
    vi.useFakeTimers();
    frames = [];
    visibility = "visible";
    vi.stubGlobal("requestAnimationFrame", (fn: () => void) => frames.push(fn));
    vi.stubGlobal("cancelAnimationFrame", (id: number) => (frames[id - 1] = () => undefined));
    vi.stubGlobal("document", {
      get visibilityState() {
        return visibility;
      },
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });
  const paint = () => frames.splice(0).forEach((frame) => frame());

  it("runs after the next frame, not before it and not within it", () => {
    const fn = vi.fn();
    afterPaint(fn);
    vi.runAllTimers();
    expect(fn).not.toHaveBeenCalled();
    paint();
    expect(fn).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(fn).toHaveBeenCalledOnce();
  });

  it("does not wait for a frame in a hidden tab, which draws none", () => {
    visibility = "hidden";
    const fn = vi.fn();
    afterPaint(fn);
    vi.runAllTimers();
    expect(fn).toHaveBeenCalledOnce();
    expect(frames).toHaveLength(0);
  });

  it("runs once for many calls before the frame, and not at all once cancelled", () => {
    const fn = vi.fn();
    const run = coalescedAfterPaint(fn);
    for (let i = 0; i < 5; i++) run.schedule();
    paint();
    vi.runAllTimers();
    expect(fn).toHaveBeenCalledOnce();
    run.schedule();
    paint();
    run.cancel();
    vi.runAllTimers();
    expect(fn).toHaveBeenCalledOnce();
  });
});
