import "server-only";
import { AppError } from "@/lib/errors";
import type { Actor } from "../auth/actor";
import { db } from "../db";

export interface InstanceProcessDto {
  id: string;
  title: string;
  createdAt: string;
  convenors: string[];
  pendingConvenorInvitations: string[];
  memberCount: number;
}

/** For instance administrators: every process, with who convenes it. */
export async function listInstanceProcesses(actor: Actor): Promise<InstanceProcessDto[]> {
  if (!actor.isAdmin) throw new AppError("forbidden", "Only instance administrators can list all processes.");
  const now = new Date();
  const processes = await db.process.findMany({
    orderBy: { createdAt: "desc" },
    include: {
      memberships: { where: { role: "convenor" }, include: { user: { select: { name: true } } } },
      invitations: {
        where: { role: "convenor", acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
        select: { email: true },
      },
      _count: { select: { memberships: true } },
    },
  });
  return processes.map((p) => ({
    id: p.id,
    title: p.title,
    createdAt: p.createdAt.toISOString(),
    convenors: p.memberships.map((m) => m.user.name),
    pendingConvenorInvitations: p.invitations.map((i) => i.email),
    memberCount: p._count.memberships,
  }));
}
