import "server-only";
import { isRole, type Role } from "@/lib/domain/roles";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { toGroupDto, type GroupDto } from "./dto";

export interface MyProcessDto {
  id: string;
  title: string;
  description: string;
  language: string;
  status: string;
  role: Role;
  group: GroupDto;
  organisation: string;
  memberCount: number;
  updatedAt: string;
}

/** The dashboard: every process the actor is a member of, most recently changed first. */
export async function listMyProcesses(actor: Actor): Promise<MyProcessDto[]> {
  const memberships = await db.membership.findMany({
    where: { userId: actor.id },
    include: { group: true, process: { include: { _count: { select: { memberships: true } } } } },
    orderBy: { process: { updatedAt: "desc" } },
  });
  return memberships.flatMap((m) =>
    isRole(m.role)
      ? [
          {
            id: m.process.id,
            title: m.process.title,
            description: m.process.description,
            language: m.process.language,
            status: m.process.status,
            role: m.role,
            group: toGroupDto(m.group),
            organisation: m.organisation,
            memberCount: m.process._count.memberships,
            updatedAt: m.process.updatedAt.toISOString(),
          },
        ]
      : [],
  );
}
