import { beforeEach, describe, expect, it } from "vitest";
import { verifyCredentials } from "@/lib/server/auth/verify-credentials";
import { db } from "@/lib/server/db";
import { signUp } from "@/lib/server/users/sign-up";
import { freshAddress, resetDatabase } from "./helpers";

const password = "correct horse battery";

beforeEach(resetDatabase);

describe("signUp", () => {
  it("makes the first account on an empty instance its administrator, and only that one", async () => {
    const first = await signUp({ name: "First", email: "first@example.org", password }, freshAddress());
    const second = await signUp({ name: "Second", email: "second@example.org", password }, freshAddress());
    expect(first.isAdmin).toBe(true);
    expect(second.isAdmin).toBe(false);
    const stored = await db.user.findMany({ orderBy: { createdAt: "asc" }, select: { email: true, isAdmin: true } });
    expect(stored).toEqual([
      { email: "first@example.org", isAdmin: true },
      { email: "second@example.org", isAdmin: false },
    ]);
  });

  it("stores a bcrypt hash, never the password", async () => {
    await signUp({ name: "A", email: "a@example.org", password }, freshAddress());
    const user = await db.user.findUniqueOrThrow({ where: { email: "a@example.org" } });
    expect(user.passwordHash).toMatch(/^\$2[aby]\$\d\d\$/);
    expect(user.passwordHash).not.toContain(password);
  });

  it("normalises the email and refuses a duplicate in another case", async () => {
    await signUp({ name: "A", email: "  Person@Example.ORG ", password }, freshAddress());
    await expect(signUp({ name: "B", email: "person@example.org", password }, freshAddress())).rejects.toMatchObject({
      code: "conflict",
    });
    expect(await db.user.count()).toBe(1);
  });

  it.each([
    [{ name: "", email: "x@example.org", password }, "name"],
    [{ name: "X", email: "not-an-email", password }, "email"],
    [{ name: "X", email: "x@example.org", password: "short" }, "password"],
    [{ name: "X", email: "x@example.org", password: "p".repeat(201) }, "password"],
  ])("refuses invalid input %#", async (input, field) => {
    const error = await signUp(input, freshAddress()).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid_input" });
    expect((error as { details: { fields: Array<{ path: string }> } }).details.fields.map((f) => f.path)).toContain(field);
    expect(await db.user.count()).toBe(0);
  });

  it("limits account creation per address", async () => {
    const address = freshAddress();
    for (let i = 0; i < 10; i++) await signUp({ name: `U${i}`, email: `u${i}@example.org`, password }, address);
    await expect(signUp({ name: "U10", email: "u10@example.org", password }, address)).rejects.toMatchObject({
      code: "rate_limited",
    });
    await expect(signUp({ name: "U11", email: "u11@example.org", password }, freshAddress())).resolves.toBeTruthy();
  });
});

describe("verifyCredentials", () => {
  it("signs in with the right password and refuses a wrong one with the same message as an unknown email", async () => {
    await signUp({ name: "A", email: "a@example.org", password }, freshAddress());
    const address = freshAddress();
    await expect(verifyCredentials({ email: "A@example.org", password }, address)).resolves.toMatchObject({ email: "a@example.org" });
    const wrong = await verifyCredentials({ email: "a@example.org", password: "nope" }, address).catch((e: Error) => e);
    const unknown = await verifyCredentials({ email: "b@example.org", password: "nope" }, address).catch((e: Error) => e);
    expect(wrong).toMatchObject({ code: "unauthenticated" });
    expect(unknown).toMatchObject({ code: "unauthenticated", message: (wrong as Error).message });
  });

  it("locks an account from an address after five failures, even for the right password", async () => {
    await signUp({ name: "A", email: "a@example.org", password }, freshAddress());
    const address = freshAddress();
    for (let i = 0; i < 5; i++) {
      await expect(verifyCredentials({ email: "a@example.org", password: `guess${i}` }, address)).rejects.toMatchObject({
        code: "unauthenticated",
      });
    }
    await expect(verifyCredentials({ email: "a@example.org", password }, address)).rejects.toMatchObject({ code: "rate_limited" });
    // The owner signing in from elsewhere is not locked out by an attacker's address.
    await expect(verifyCredentials({ email: "a@example.org", password }, freshAddress())).resolves.toBeTruthy();
  });
});
