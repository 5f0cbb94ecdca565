import "server-only";
import { GENESIS_HASH, hashAuditRow } from "@/lib/domain/audit-chain";
import type { Json } from "@/lib/domain/canonical-json";
import { canonicalJson } from "@/lib/domain/canonical-json";
import { usingPostgres, type Tx } from "../db";

// Any constant works; it only has to be the same for every writer of the chain.
const AUDIT_LOCK_KEY = 4_242_001;

export interface AuditInput {
  processId: string | null;
  actorId: string | null;
  action: string;
  data: Json;
}

/**
 * Appends one row to the global hash chain inside the caller's transaction, so the
 * change and its audit row commit or fail together. Writers are serialised (SQLite
 * has one writer; PostgreSQL takes a transaction-scoped advisory lock) because each
 * row's hash depends on the previous one.
 */
export async function appendAudit(tx: Tx, input: AuditInput): Promise<void> {
  if (usingPostgres) await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const createdAt = new Date();
  const body = {
    seq: (last?.seq ?? 0) + 1,
    createdAt: createdAt.toISOString(),
    processId: input.processId,
    actorId: input.actorId,
    action: input.action,
    data: input.data,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  const hash = hashAuditRow(body);
  await tx.auditEvent.create({
    data: { ...body, createdAt, data: canonicalJson(input.data), hash },
  });
}
