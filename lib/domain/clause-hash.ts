import { createHash } from "node:crypto";

/**
 * The fingerprint a position is bound to. Unicode-normalised (NFC) and with runs of
 * whitespace folded, so re-typing an identical character or a stray space does not
 * make positions stale, while any change of wording does.
 */
export function clauseTextHash(text: string): string {
  const normalised = text.normalize("NFC").replace(/\s+/g, " ").trim();
  return createHash("sha256").update(normalised, "utf8").digest("hex");
}
