// `npm run verify -- <bundle.json>`: checks a signed record. Valid = its record
// hashes to the fingerprint it states and, when this instance's database holds the
// signed original, to that one too; otherwise lists exactly what differs.
// Exit code: 0 valid, 1 invalid, 2 could not check.
import "dotenv/config";
import { readFileSync } from "node:fs";
import type { Json } from "../lib/domain/canonical-json";
import { verifyBundle } from "../lib/domain/signed-record";
import { createDb } from "../lib/db/client";
import { databaseUrl } from "../lib/db/config";

async function storedRecord(text: string): Promise<{ sha256: string; record: Json } | null> {
  let id: unknown;
  try {
    id = (JSON.parse(text) as { record?: { process?: { id?: unknown } } }).record?.process?.id;
  } catch {
    return null;
  }
  if (typeof id !== "string") return null;
  const db = createDb(databaseUrl());
  try {
    const row = await db.signOff.findUnique({ where: { processId: id } });
    return row ? (JSON.parse(row.bundle) as { sha256: string; record: Json }) : null;
  } catch {
    return null; // no database here: check the bundle on its own
  } finally {
    await db.$disconnect().catch(() => undefined);
  }
}

async function main(): Promise<number> {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: npm run verify -- <signed-record.json>");
    return 2;
  }
  const text = readFileSync(file, "utf8");
  const signed = await storedRecord(text);
  const result = verifyBundle(text, signed);
  if (result.valid) {
    console.log(`valid: ${result.sha256}${signed ? " (matches the signed record in this instance's database)" : ""}`);
    return 0;
  }
  console.error("INVALID");
  for (const problem of result.problems) console.error(`  - ${problem}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("could not verify:", error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
