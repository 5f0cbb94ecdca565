// What the generator and its typist processes (typists-process.ts) tell each other.
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import type { Target } from "./protocol-client";

export interface TypistsInput {
  target: Target;
  /** Which typists of the whole crowd these are (each types into clause index % 30). */
  first: number;
  typists: number;
  idle: number;
  rate: number;
  draft: string;
}

export type TypistsMessage =
  | { kind: "ready" }
  | { kind: "sent"; edits: Array<[client: number, clock: number, at: number]> }
  | { kind: "done"; edits: number; lagP99Ms: number; messagesIn: number; bytesIn: number };

/** Monotonic milliseconds shared by every process on the machine (CLOCK_MONOTONIC). */
export const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;


const LAG_RESOLUTION_MS = 10;

/** Event-loop lag, sampled by a timer every 10 ms. */
export function loopLagMonitor(): IntervalHistogram {
  return monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
}

/**
 * The p99 lag in ms: how late the sampling timer fired. Node's histogram records the
 * time between its timer's runs, the 10 ms interval included (an idle process reads
 * 10.1–10.4 ms), so the interval is taken off; reading it raw had counted 10 ms of lag
 * that was not there against the 20 ms bar.
 */
export function lagP99Ms(histogram: IntervalHistogram): number {
  return Math.max(0, Math.round((histogram.percentile(99) / 1e6 - LAG_RESOLUTION_MS) * 10) / 10);
}
