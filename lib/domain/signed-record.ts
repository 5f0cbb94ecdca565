import { createHash } from "node:crypto";
import { canonicalJson, type Json } from "./canonical-json";

/**
 * The signed record is a JSON object; its fingerprint is the SHA-256 of its
 * canonical JSON. The downloadable bundle is `{ format, sha256, record }`.
 */
export const BUNDLE_FORMAT = "accord-signed-record/1";

export function recordHash(record: Json): string {
  return createHash("sha256").update(canonicalJson(record)).digest("hex");
}

export function makeBundle(record: Json): { format: string; sha256: string; record: Json } {
  return { format: BUNDLE_FORMAT, sha256: recordHash(record), record };
}

/** JSON paths where two values differ (at most `limit`), e.g. `record.text[3].text`. */
export function differences(a: unknown, b: unknown, path = "record", limit = 20, out: string[] = []): string[] {
  if (out.length >= limit) return out;
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || a === null || b === null || typeof a !== "object") {
    if (canonicalJson(a as Json) !== canonicalJson(b as Json)) out.push(path);
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.push(`${path} (length ${a.length}, signed ${b.length})`);
    for (let i = 0; i < Math.min(a.length, b.length); i++) differences(a[i], b[i], `${path}[${i}]`, limit, out);
    return out;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const key of [...new Set([...Object.keys(ao), ...Object.keys(bo)])].sort()) {
    if (!(key in ao)) out.push(`${path}.${key} (missing)`);
    else if (!(key in bo)) out.push(`${path}.${key} (not in the signed record)`);
    else differences(ao[key], bo[key], `${path}.${key}`, limit, out);
  }
  return out;
}

export type VerifyResult = { valid: true; sha256: string } | { valid: false; problems: string[] };

/**
 * Checks a bundle's text: it must parse, carry this format, and its record must
 * hash to the fingerprint it states — and, when the signed record is known (from
 * the instance's database), to that one; with `detail`, listing exactly what differs.
 */
export function verifyBundle(text: string, signed?: { sha256: string; record: Json } | null, options: { detail: boolean } = { detail: true }): VerifyResult {
  let bundle: { format?: unknown; sha256?: unknown; record?: unknown };
  try {
    bundle = JSON.parse(text) as typeof bundle;
  } catch (error) {
    return { valid: false, problems: [`not valid JSON: ${(error as Error).message}`] };
  }
  if (!bundle || typeof bundle !== "object" || bundle.format !== BUNDLE_FORMAT || typeof bundle.sha256 !== "string" || !bundle.record) {
    return { valid: false, problems: [`not an Accord signed record (expected format "${BUNDLE_FORMAT}", sha256 and record)`] };
  }
  const actual = recordHash(bundle.record as Json);
  const problems: string[] = [];
  if (actual !== bundle.sha256) problems.push(`the record hashes to ${actual}, not to the stated ${bundle.sha256}: it was changed after signing`);
  if (signed && options.detail) {
    if (signed.sha256 !== bundle.sha256) problems.push(`the stated fingerprint ${bundle.sha256} is not the signed one (${signed.sha256})`);
    if (actual !== signed.sha256) for (const path of differences(bundle.record, signed.record)) problems.push(`${path} differs from the signed record`);
  } else if (signed && (actual !== signed.sha256 || bundle.sha256 !== signed.sha256)) {
    // Someone who may not read the record learns only that it is not the signed one,
    // not where: field-by-field answers would let them test guesses at its contents.
    problems.push("this is not the record that was signed for this process");
  }
  return problems.length ? { valid: false, problems } : { valid: true, sha256: actual };
}
