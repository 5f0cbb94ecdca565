// What the generator and its typist processes (typists-process.ts) tell each other.
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

