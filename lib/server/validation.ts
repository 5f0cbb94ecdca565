import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";

/** Parses untrusted input; any mismatch becomes a 400 naming the offending fields. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  const summary = fields.map((f) => (f.path ? `${f.path}: ${f.message}` : f.message)).join("; ");
  throw new AppError("invalid_input", `Invalid input — ${summary}`, { fields });
}

export const idSchema = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "not a valid id");
export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .toLowerCase()
  .pipe(z.email({ message: "not a valid email address" }));
export const nameSchema = z.string().trim().min(1, "required").max(100, "at most 100 characters");
export const organisationSchema = z.string().trim().min(1, "required").max(150, "at most 150 characters");
