/**
 * Fixed-window failure counter: after `limit` failures inside `windowMs` a key is
 * locked until the window that contains them has passed. Pure — the caller passes
 * the clock — so the rule is testable without waiting.
 */
export interface RateLimitState {
  windowStart: number;
  failures: number;
}

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export function isLocked(state: RateLimitState | undefined, rule: RateLimitRule, now: number): boolean {
  if (!state) return false;
  if (now - state.windowStart >= rule.windowMs) return false;
  return state.failures >= rule.limit;
}

export function recordFailure(state: RateLimitState | undefined, rule: RateLimitRule, now: number): RateLimitState {
  if (!state || now - state.windowStart >= rule.windowMs) return { windowStart: now, failures: 1 };
  return { windowStart: state.windowStart, failures: state.failures + 1 };
}

export function retryAfterMs(state: RateLimitState | undefined, rule: RateLimitRule, now: number): number {
  if (!isLocked(state, rule, now) || !state) return 0;
  return state.windowStart + rule.windowMs - now;
}
