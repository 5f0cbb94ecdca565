import { describe, expect, it } from "vitest";
import { collabKey, signCollabToken, verifyCollabToken, COLLAB_TOKEN_TTL_SECONDS } from "./token";

const key = collabKey("test-secret-that-is-long-enough-000000");
const claims = { doc: "p1", uid: "u1", role: "editor" as const, gid: "g1", name: "Amina Diallo" };

describe("collaboration tokens", () => {
  it("round-trips the claims and sets a short expiry", () => {
    const token = signCollabToken(claims, key, 1000);
    const check = verifyCollabToken(token, key, 1000);
    expect(check).toEqual({ ok: true, payload: { v: 1, ...claims, exp: 1000 + COLLAB_TOKEN_TTL_SECONDS } });
  });

  it("refuses an expired token", () => {
    const token = signCollabToken(claims, key, 1000);
    expect(verifyCollabToken(token, key, 1000 + COLLAB_TOKEN_TTL_SECONDS)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a token signed with another key", () => {
    const token = signCollabToken(claims, collabKey("another-secret-0000000000000000000"), 1000);
    expect(verifyCollabToken(token, key, 1000)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it("refuses a token whose claims were edited (e.g. role raised)", () => {
    const [body, mac] = signCollabToken(claims, key, 1000).split(".");
    const forged = JSON.parse(Buffer.from(body, "base64url").toString());
    forged.role = "convenor";
    const tampered = `${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${mac}`;
    expect(verifyCollabToken(tampered, key, 1000)).toEqual({ ok: false, reason: "bad_signature" });
  });

  it.each(["", "abc", "a.b.c", "x".repeat(3000), null, undefined])("refuses malformed input %#", (token) => {
    expect(verifyCollabToken(token as string, key, 1000).ok).toBe(false);
  });

  it("keeps the collaboration key distinct from the secret it is derived from", () => {
    expect(collabKey("s").equals(Buffer.from("s"))).toBe(false);
    expect(collabKey("s").equals(collabKey("s"))).toBe(true);
  });
});
