import { describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "./csp";

describe("contentSecurityPolicy", () => {
  it("never allows eval or inline scripts in production", () => {
    const csp = contentSecurityPolicy("abc123", false, false);
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });

  it("allows eval only in development (React's dev tooling needs it)", () => {
    expect(contentSecurityPolicy("n", true, false)).toContain("'unsafe-eval'");
  });

  it("upgrades insecure requests only when served over HTTPS", () => {
    expect(contentSecurityPolicy("n", false, true)).toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy("n", false, false)).not.toContain("upgrade-insecure-requests");
  });
});
