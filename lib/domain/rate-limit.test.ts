import { describe, expect, it } from "vitest";
import { isLocked, recordFailure, retryAfterMs, type RateLimitState } from "./rate-limit";

const rule = { limit: 3, windowMs: 60_000 };

describe("rate limit", () => {
  it("does not lock a key with no failures", () => {
    expect(isLocked(undefined, rule, 0)).toBe(false);
    expect(retryAfterMs(undefined, rule, 0)).toBe(0);
  });

  it("locks after the limit is reached inside the window", () => {
    let state: RateLimitState | undefined;
    for (let i = 0; i < 2; i++) state = recordFailure(state, rule, 1000 + i);
    expect(isLocked(state, rule, 2000)).toBe(false);
    state = recordFailure(state, rule, 3000);
    expect(state).toEqual({ windowStart: 1000, failures: 3 });
    expect(isLocked(state, rule, 3000)).toBe(true);
    expect(retryAfterMs(state, rule, 3000)).toBe(58_000);
  });

  it("unlocks once the window has passed and starts counting afresh", () => {
    const locked: RateLimitState = { windowStart: 0, failures: 3 };
    expect(isLocked(locked, rule, 59_999)).toBe(true);
    expect(isLocked(locked, rule, 60_000)).toBe(false);
    expect(recordFailure(locked, rule, 60_000)).toEqual({ windowStart: 60_000, failures: 1 });
  });
});
