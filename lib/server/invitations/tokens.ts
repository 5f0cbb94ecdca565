import "server-only";
import { createHash, randomBytes } from "node:crypto";

export const INVITATION_DAYS = 14;

export function newInvitationToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashInvitationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
