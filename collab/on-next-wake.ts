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
 *
 * A backstop that is no longer needed is left to expire rather than cleared: Node
 * keeps its libuv timer at the earliest expiry it was ever given, so a cleared timer
 * still wakes the process, and arming and clearing one per keystroke woke Accord's
 * server about fifteen times a second for nothing (notes §17). A backstop that
 * expires with nothing waiting just ends; one whose work was pushed later re-arms once.
 */
export class OnNextWake {
  private lastRun = 0;
  private immediate: NodeJS.Immediate | null = null;
  private backstop: NodeJS.Timeout | null = null;
  /** When the armed backstop timer expires. */
  private backstopAt = 0;
  /** When waiting work must run at the latest; null when nothing waits. */
  private dueAt: number | null = null;

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
    const due = this.lastRun + this.backstopGaps * this.gapMs();
    this.dueAt = this.dueAt === null ? due : Math.min(this.dueAt, due);
    // An armed timer that expires by then re-checks when it does (onBackstop).
    if (this.backstop && this.backstopAt <= this.dueAt) return;
    if (this.backstop) clearTimeout(this.backstop);
    this.setBackstop(now, this.dueAt);
  }

  private setBackstop(now: number, at: number): void {
    this.backstopAt = Math.max(now, at);
    this.backstop = setTimeout(this.onBackstop, this.backstopAt - now);
    this.backstop.unref();
  }

  private readonly onBackstop = (): void => {
    this.backstop = null;
    if (this.dueAt === null) return; // the work was done meanwhile
    const now = Date.now();
    if (now < this.dueAt) this.setBackstop(now, this.dueAt);
    else this.run();
  };

  /**
   * For a caller about to do the task's work itself: true (and a new gap starts, with
   * nothing left waiting) once the gap has passed; false within it. `force` claims it
   * within the gap too, for a carrier whose work costs nothing extra.
   */
  claimIfDue(now = Date.now(), force = false): boolean {
    if (!force && now - this.lastRun < this.gapMs()) return false;
    this.settled(now);
    return true;
  }

  /** Runs the task now and starts a new gap. */
  run(): void {
    this.settled(Date.now());
    this.task();
  }

  private settled(now: number): void {
    if (this.immediate) clearImmediate(this.immediate);
    this.immediate = null;
    this.dueAt = null;
    this.lastRun = now;
  }

  /** Whether a run is waiting (on the next turn or by the backstop). */
  get scheduled(): boolean {
    return this.immediate !== null || this.dueAt !== null;
  }

  /** Drops any waiting run and its timer (the owner is going away). */
  cancel(): void {
    if (this.immediate) clearImmediate(this.immediate);
    if (this.backstop) clearTimeout(this.backstop);
    this.immediate = null;
    this.backstop = null;
    this.dueAt = null;
  }
}
