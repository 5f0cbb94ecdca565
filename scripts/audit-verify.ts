// `npm run audit:verify`: recompute the audit hash chain and report any edited,
// deleted or reordered row. Exit code 0 = intact, 1 = tampered, 2 = could not check.
import "dotenv/config";
import { createDb } from "../lib/db/client";
import { databaseUrl } from "../lib/db/config";
import { verifyAuditLog } from "../lib/server/audit/verify-audit-log";

async function main(): Promise<number> {
  const db = createDb(databaseUrl());
  try {
    const report = await verifyAuditLog(db);
    if (report.problems.length === 0 && report.unreadable.length === 0) {
      console.log(`audit log intact: ${report.rows} rows, head ${report.headHash}`);
      console.log("Compare the head hash and row count with a copy kept elsewhere to detect removal of the newest rows.");
      return 0;
    }
    console.error(`audit log TAMPERED: ${report.problems.length + report.unreadable.length} problem(s) in ${report.rows} rows`);
    for (const p of report.problems) {
      if (p.kind === "hash_mismatch") console.error(`  row ${p.seq}: content does not match its hash (edited)`);
      if (p.kind === "broken_link") console.error(`  row ${p.seq}: does not link to the row before it (a row was deleted, inserted or re-hashed)`);
      if (p.kind === "sequence_gap") console.error(`  rows ${p.afterSeq} → ${p.nextSeq}: sequence gap (rows deleted)`);
    }
    for (const seq of report.unreadable) console.error(`  row ${seq}: data is not valid JSON (edited)`);
    return 1;
  } finally {
    await db.$disconnect();
  }
}


main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error("could not verify the audit log:", error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
