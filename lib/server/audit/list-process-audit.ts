import "server-only";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { authorizeInProcess } from "../processes/access";
import { idSchema, parseInput } from "../validation";

export interface AuditEventDto {
  seq: number;
  createdAt: string;
  action: string;
  actorName: string | null;
  data: Record<string, unknown>;
  hash: string;
}

/** The convenor's view of the process's slice of the audit chain, newest first. */
export async function listProcessAudit(actor: Actor, processId: unknown, limit = 200): Promise<AuditEventDto[]> {
  const id = parseInput(idSchema, processId);
  await authorizeInProcess(db, actor, id, "audit.view");
  const events = await db.auditEvent.findMany({ where: { processId: id }, orderBy: { seq: "desc" }, take: limit });
  const actorIds = [...new Set(events.map((e) => e.actorId).filter((x): x is string => !!x))];
  const users = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  return events.map((e) => ({
    seq: e.seq,
    createdAt: e.createdAt.toISOString(),
    action: e.action,
    actorName: e.actorId ? (names.get(e.actorId) ?? null) : null,
    data: JSON.parse(e.data) as Record<string, unknown>,
    hash: e.hash,
  }));
}
