import "server-only";
import { NextResponse } from "next/server";
import { AppError, isAppError, type ErrorCode } from "@/lib/errors";

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: unknown; [key: string]: unknown };
}

/** Prisma's unique-constraint and not-found codes, mapped to what the client should hear. */
function fromDatabaseError(error: unknown): AppError | null {
  const code = (error as { code?: unknown })?.code;
  if (code === "P2002") return new AppError("conflict", "That already exists.");
  if (code === "P2025") return new AppError("not_found", "That no longer exists.");
  return null;
}

/** Turns anything thrown into `{error:{code,message}}`; unexpected errors never leak details. */
export function errorResponse(error: unknown): NextResponse<ErrorBody> {
  const known = isAppError(error) ? error : fromDatabaseError(error);
  if (known) {
    const body: ErrorBody = { error: { code: known.code, message: known.message, ...(known.details ?? {}) } };
    return NextResponse.json(body, { status: known.status });
  }
  console.error("[accord] unexpected error", error);
  return NextResponse.json(
    { error: { code: "internal", message: "Something went wrong on the server. Nothing was changed; please try again." } },
    { status: 500 },
  );
}
