import { verifyAuditChain, type AuditRow, type ChainReport } from "@/lib/domain/audit-chain";
import type { Json } from "@/lib/domain/canonical-json";
import type { Db } from "@/lib/db/client";

const PAGE = 1000;

/**
 * Reads the whole chain in pages and checks it. No `server-only` marker: the
 * `npm run audit:verify` command runs this outside Next.
 */
export async function verifyAuditLog(db: Db): Promise<ChainReport & { unreadable: number[] }> {
  const rows: AuditRow[] = [];
  const unreadable: number[] = [];
  let cursor = 0;
  for (;;) {
    const page = await db.auditEvent.findMany({ where: { seq: { gt: cursor } }, orderBy: { seq: "asc" }, take: PAGE });
    for (const row of page) {
      let data: Json;
      try {
        data = JSON.parse(row.data) as Json;
      } catch {
        unreadable.push(row.seq);
        data = row.data;
      }
      rows.push({ ...row, createdAt: row.createdAt.toISOString(), data });
    }
    if (page.length < PAGE) break;
    cursor = page[page.length - 1].seq;
  }
  return { ...verifyAuditChain(rows), unreadable };
}
