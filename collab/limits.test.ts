import { describe, expect, it } from "vitest";
import { TokenBucket } from "./limits";

describe("TokenBucket", () => {
  it("allows a burst up to its capacity, then refuses", () => {
    const bucket = new TokenBucket(10, 5, 0);
    const results = Array.from({ length: 7 }, () => bucket.take(0));
    expect(results).toEqual([true, true, true, true, true, false, false]);
  });

  it("refills at its rate and never beyond capacity", () => {
    const bucket = new TokenBucket(10, 5, 0);
    for (let i = 0; i < 5; i++) bucket.take(0);
    expect(bucket.take(50)).toBe(false); // half a token
    expect(bucket.take(100)).toBe(true); // one token after 100 ms at 10/s
    const later = Array.from({ length: 7 }, () => bucket.take(60_000));
    expect(later.filter(Boolean)).toHaveLength(5);
  });
});
