import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { appendAudit } from "../audit/append-audit";
import { hashPassword } from "../auth/passwords";
import { signUpAddressLimiter } from "../auth/rate-limiter";
import { db } from "../db";
import { emailSchema, nameSchema, parseInput } from "../validation";

export const PASSWORD_MIN = 10;

export const signUpSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  password: z
    .string()
    .min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`)
    .max(200, "at most 200 characters"),
});

export interface SignUpResult {
  id: string;
  email: string;
  isAdmin: boolean;
}

/**
 * Creates an account. The first account on an empty instance becomes its
 * administrator (decided inside the transaction, so two racing sign-ups cannot
 * both become the first).
 */
export async function signUp(input: unknown, address: string): Promise<SignUpResult> {
  const data = parseInput(signUpSchema, input);
  if (signUpAddressLimiter.retryAfter(address) > 0) {
    throw new AppError("rate_limited", "Too many accounts created from this address. Try again later.");
  }
  signUpAddressLimiter.fail(address);
  const passwordHash = await hashPassword(data.password);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: data.email }, select: { id: true } })) {
      throw new AppError("conflict", "An account with this email address already exists.", { field: "email" });
    }
    const isFirst = (await tx.user.count()) === 0;
    const user = await tx.user.create({
      data: { name: data.name, email: data.email, passwordHash, isAdmin: isFirst },
    });
    await appendAudit(tx, {
      processId: null,
      actorId: user.id,
      action: "user.signed_up",
      data: { userId: user.id, email: user.email, instanceAdmin: isFirst },
    });
    return { id: user.id, email: user.email, isAdmin: isFirst };
  });
}
