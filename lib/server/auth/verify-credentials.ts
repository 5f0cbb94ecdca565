import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { db } from "../db";
import { parseInput } from "../validation";
import { checkPassword } from "./passwords";
import { signInAccountLimiter, signInAddressLimiter } from "./rate-limiter";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().max(254),
  password: z.string().min(1).max(200),
});

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
}

/**
 * Checks email + password. Failures count per account+address and per address;
 * a locked key is refused before the password is even compared.
 */
export async function verifyCredentials(input: unknown, address: string): Promise<SignedInUser> {
  const { email, password } = parseInput(credentialsSchema, input);
  const accountKey = `${email}|${address}`;
  const wait = Math.max(signInAccountLimiter.retryAfter(accountKey), signInAddressLimiter.retryAfter(address));
  if (wait > 0) {
    throw new AppError("rate_limited", `Too many failed sign-in attempts. Try again in ${Math.ceil(wait / 60_000)} minute(s).`, {
      retryAfterSeconds: Math.ceil(wait / 1000),
    });
  }
  const user = await db.user.findUnique({ where: { email } });
  const ok = await checkPassword(password, user?.passwordHash ?? null);
  if (!user || !ok) {
    signInAccountLimiter.fail(accountKey);
    signInAddressLimiter.fail(address);
    throw new AppError("unauthenticated", "The email or password is not correct.");
  }
  signInAccountLimiter.reset(accountKey);
  return { id: user.id, email: user.email, name: user.name };
}
