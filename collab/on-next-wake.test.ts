import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OnNextWake } from "./on-next-wake";

describe("OnNextWake", () => {
  let runs: number[];
  let task: OnNextWake;
  const GAP = 50;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "clearImmediate", "Date"] });
    vi.setSystemTime(10_000);
    runs = [];
    task = new OnNextWake(() => runs.push(Date.now()), () => GAP);
  });
  afterEach(() => {
    task.cancel();
    vi.useRealTimers();
  });

  it("runs after the current turn once the gap has passed, once for several pokes", async () => {
    task.poke();
    task.poke();
    expect(runs).toEqual([]); // not inside the caller's turn
    expect(task.scheduled).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([10_000]);
    expect(task.scheduled).toBe(false);
  });

  it("within the gap, waits for a later wake-up instead of setting its own short timer", async () => {
    task.poke();
    await vi.advanceTimersByTimeAsync(0);
    vi.setSystemTime(10_020);
    task.poke(); // too soon: only the backstop is set
    await vi.advanceTimersByTimeAsync(30); // the gap has passed, but nobody woke the process
    expect(runs).toEqual([10_000]);
    task.poke(); // a message arrives at 10_050
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([10_000, 10_050]);
    // The backstop was for the earlier run; it must not fire again on its own.
    await vi.advanceTimersByTimeAsync(500);
    expect(runs).toEqual([10_000, 10_050]);
  });

  it("runs from its backstop, three gaps after the last run, when nothing else wakes the process", async () => {
    task.poke();
    await vi.advanceTimersByTimeAsync(0);
    vi.setSystemTime(10_010);
    task.poke();
    await vi.advanceTimersByTimeAsync(139);
    expect(runs).toEqual([10_000]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([10_000, 10_150]);
  });

  it("wait() sets only the backstop; a carrier that claims the work in time leaves nothing to run", async () => {
    task.poke();
    await vi.advanceTimersByTimeAsync(0);
    vi.setSystemTime(10_060); // past the gap: poke() would run it now
    task.wait();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([10_000]);
    expect(task.claimIfDue()).toBe(true); // the carrier does the work in its own turn
    expect(task.scheduled).toBe(false);
    expect(task.claimIfDue()).toBe(false); // and a new gap has started
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toEqual([10_000]);
  });

  it("wait() still runs the task from the backstop when no carrier comes", async () => {
    task.poke();
    await vi.advanceTimersByTimeAsync(0);
    vi.setSystemTime(10_020);
    task.wait();
    await vi.advanceTimersByTimeAsync(129);
    expect(runs).toEqual([10_000]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([10_000, 10_150]);
  });

  it("a backstop whose work was claimed is left to expire, not cleared and set again for every wait", async () => {
    const setTimeoutSpy = vi.spyOn(globalThis, "setTimeout");
    task.poke();
    await vi.advanceTimersByTimeAsync(0);
    // A carrier claims the work every 10 ms, each time after a wait(): 100 times in 1 s.
    for (let i = 0; i < 100; i++) {
      vi.setSystemTime(Date.now() + 10);
      task.wait();
      expect(task.claimIfDue(Date.now(), true)).toBe(true);
      await vi.advanceTimersByTimeAsync(0);
    }
    // Node keeps its libuv timer at the earliest expiry it was given, so clearing and setting
    // one per wait() would have woken the process for nothing; here about one per 150 ms.
    expect(setTimeoutSpy.mock.calls.length).toBeLessThanOrEqual(8);
    expect(runs).toEqual([10_000]); // claimed every time: the backstops never ran it
    expect(task.scheduled).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toEqual([10_000]);
    setTimeoutSpy.mockRestore();
  });

  it("a backstop that expires before its work is due sets itself once more, for the remainder", async () => {
    task.poke();
    await vi.advanceTimersByTimeAsync(0);
    vi.setSystemTime(10_010);
    task.wait(); // due at 10_150
    vi.setSystemTime(10_060);
    expect(task.claimIfDue()).toBe(true); // a new gap from 10_060: the timer for 10_150 stays
    vi.setSystemTime(10_070);
    task.wait(); // due at 10_060 + 150 = 10_210
    await vi.advanceTimersByTimeAsync(80 + 59); // 10_209
    expect(runs).toEqual([10_000]);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([10_000, 10_210]);
  });

  it("cancel drops a scheduled run; run() runs at once and restarts the gap", async () => {
    task.poke();
    task.cancel();
    await vi.advanceTimersByTimeAsync(1000);
    expect(runs).toEqual([]);
    task.run();
    expect(runs).toEqual([11_000]);
    task.poke();
    await vi.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([11_000]); // within the gap of the forced run
  });
});
