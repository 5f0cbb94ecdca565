import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * Short-lived capability the app mints for one member and one document; the
 * collaboration server checks it before upgrading the connection, then re-checks
 * membership in the database. Format: base64url(JSON payload) "." base64url(HMAC-SHA256).
 */
export const collabTokenSchema = z.object({
  v: z.literal(1),
  doc: z.string().min(1).max(64),
  uid: z.string().min(1).max(64),
  role: z.enum(["convenor", "editor", "commenter", "observer"]),
  gid: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  exp: z.number().int().positive(),
});
export type CollabTokenPayload = z.infer<typeof collabTokenSchema>;

export const COLLAB_TOKEN_TTL_SECONDS = 5 * 60;

/** Keeps the collaboration key separate from the session key even though both come from one secret. */
export function collabKey(authSecret: string): Buffer {
  return createHmac("sha256", authSecret).update("accord/collab-token/v1").digest();
}

export function signCollabToken(payload: Omit<CollabTokenPayload, "v" | "exp">, key: Buffer, nowSeconds: number): string {
  const body: CollabTokenPayload = { v: 1, ...payload, exp: nowSeconds + COLLAB_TOKEN_TTL_SECONDS };
  const encoded = Buffer.from(JSON.stringify(body)).toString("base64url");
  const mac = createHmac("sha256", key).update(encoded).digest("base64url");
  return `${encoded}.${mac}`;
}

export type TokenCheck = { ok: true; payload: CollabTokenPayload } | { ok: false; reason: "malformed" | "bad_signature" | "expired" };

export function verifyCollabToken(token: string | null | undefined, key: Buffer, nowSeconds: number): TokenCheck {
  if (!token || token.length > 2048) return { ok: false, reason: "malformed" };
  const [encoded, mac, extra] = token.split(".");
  if (!encoded || !mac || extra !== undefined) return { ok: false, reason: "malformed" };
  const expected = createHmac("sha256", key).update(encoded).digest();
  const given = Buffer.from(mac, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "bad_signature" };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const result = collabTokenSchema.safeParse(parsed);
  if (!result.success) return { ok: false, reason: "malformed" };
  if (result.data.exp <= nowSeconds) return { ok: false, reason: "expired" };
  return { ok: true, payload: result.data };
}
