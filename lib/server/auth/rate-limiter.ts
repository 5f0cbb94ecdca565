import "server-only";
import { CLIENT_ADDRESS_HEADER } from "@/lib/runtime/client-address";
import { isLocked, recordFailure, retryAfterMs, type RateLimitRule, type RateLimitState } from "@/lib/domain/rate-limit";

/**
 * In-memory counters, one map per rule. Per process by design: see
 * docs/security.md for what that means behind several instances.
 */
export class RateLimiter {
  private readonly states = new Map<string, RateLimitState>();

  constructor(private readonly rule: RateLimitRule) {}

  retryAfter(key: string, now = Date.now()): number {
    const state = this.states.get(key);
    if (state && !isLocked(state, this.rule, now) && now - state.windowStart >= this.rule.windowMs) {
      this.states.delete(key);
    }
    return retryAfterMs(this.states.get(key), this.rule, now);
  }

  fail(key: string, now = Date.now()): void {
    this.states.set(key, recordFailure(this.states.get(key), this.rule, now));
    if (this.states.size > 50_000) this.prune(now);
  }

  reset(key: string): void {
    this.states.delete(key);
  }

  private prune(now: number): void {
    for (const [key, state] of this.states) {
      if (now - state.windowStart >= this.rule.windowMs) this.states.delete(key);
    }
  }
}

const holder = globalThis as unknown as { accordLimiters?: Record<string, RateLimiter> };
const limiters = (holder.accordLimiters ??= {
  signInAccount: new RateLimiter({ limit: 5, windowMs: 15 * 60_000 }),
  signInAddress: new RateLimiter({ limit: 30, windowMs: 15 * 60_000 }),
  signUpAddress: new RateLimiter({ limit: 10, windowMs: 60 * 60_000 }),
});

export const signInAccountLimiter = limiters.signInAccount;
export const signInAddressLimiter = limiters.signInAddress;
export const signUpAddressLimiter = limiters.signUpAddress;

export function clientAddress(headers: Headers | Record<string, string | string[] | undefined> | undefined): string {
  if (!headers) return "unknown";
  const value = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers[CLIENT_ADDRESS_HEADER];
  return (Array.isArray(value) ? value[0] : value) || "unknown";
}
