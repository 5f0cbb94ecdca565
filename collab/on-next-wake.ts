/**
 * Runs a task at most once per `gapMs`, preferably on a wake-up the process already
 * has. Waking an idle Node process for a timer costs a few hundred microseconds of
 * CPU on these machines, more than a presence flush or a clause derive itself; at
 * low load a periodic timer per room was Accord's largest cost above the stock
 * servers (docs/benchmarks-notes.md §9).
 *
 * Call `poke()` whenever something is waiting and the process is awake anyway (a
 * message arrived). Once `gapMs` has passed since the last run, the task runs after
 * the current turn's other work; otherwise a backstop timer runs it `backstopGaps`
 * gaps after the last run, so nothing waits forever when nobody sends anything.
 *
 * A task whose work another, more frequent job can carry (presence riding on the
 * update broadcasts) calls `wait()` instead of `poke()` while that job is expected,
 * and the job calls `claimIfDue()` to do the work in its own turn.
 */
export class OnNextWake {
  private lastRun = 0;
  private immediate: NodeJS.Immediate | null = null;
  private backstop: NodeJS.Timeout | null = null;

  constructor(
    private readonly task: () => void,
    private readonly gapMs: () => number,
    private readonly backstopGaps = 3,
  ) {}

  poke(now = Date.now()): void {
    if (this.immediate) return;
    const gap = this.gapMs();
    if (now - this.lastRun >= gap) {
      this.immediate = setImmediate(() => {
        this.immediate = null;
        this.run();
      });
    } else {
      this.armBackstop(now);
    }
  }

  /**
   * Something else is expected to do the task's work soon (see `claimIfDue`): only the
   * backstop is set, so the work is still done if that expectation fails.
   */
  wait(now = Date.now()): void {
    if (!this.immediate) this.armBackstop(now);
  }

  private armBackstop(now: number): void {
    if (this.backstop) return;
    this.backstop = setTimeout(() => {
      this.backstop = null;
      this.run();
    }, Math.max(0, this.lastRun + this.backstopGaps * this.gapMs() - now));
    this.backstop.unref();
  }

  /**
   * For a caller about to do the task's work itself: true (and a new gap starts, with
   * nothing left scheduled) once the gap has passed; false within it.
   */
  claimIfDue(now = Date.now()): boolean {
    if (now - this.lastRun < this.gapMs()) return false;
    this.cancel();
    this.lastRun = now;
    return true;
  }

  /** Runs the task now and starts a new gap. */
  run(): void {
    this.cancel();
    this.lastRun = Date.now();
    this.task();
  }

  /** Whether a run is scheduled (immediately or by the backstop). */
  get scheduled(): boolean {
    return this.immediate !== null || this.backstop !== null;
  }

  cancel(): void {
    if (this.immediate) clearImmediate(this.immediate);
    if (this.backstop) clearTimeout(this.backstop);
    this.immediate = null;
    this.backstop = null;
  }
}
