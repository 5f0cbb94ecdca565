import "server-only";
import { isRole, type Role } from "@/lib/domain/roles";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { invitationStatus, type InvitationStatus } from "../invitations/get-invitation";
import { authorizeInProcess } from "../processes/access";
import { toGroupDto, type GroupDto, type MemberDto } from "../processes/dto";
import { idSchema, parseInput } from "../validation";

export interface AdminMemberDto extends MemberDto {
  email: string;
  joinedAt: string;
}

export interface InvitationDto {
  id: string;
  email: string;
  role: Role;
  groupId: string;
  organisation: string;
  status: InvitationStatus;
  createdAt: string;
  expiresAt: string;
}

export interface MemberAdminDto {
  process: { id: string; title: string };
  meId: string;
  groups: GroupDto[];
  members: AdminMemberDto[];
  invitations: InvitationDto[];
}

/** The convenor's member-management view: members with emails, open and past invitations. */
export async function getMemberAdmin(actor: Actor, processId: unknown): Promise<MemberAdminDto> {
  const id = parseInput(idSchema, processId);
  const { process, membership } = await authorizeInProcess(db, actor, id, "members.manage");
  const [groups, members, invitations] = await Promise.all([
    db.stakeholderGroup.findMany({ where: { processId: id }, orderBy: { position: "asc" } }),
    db.membership.findMany({
      where: { processId: id },
      include: { user: { select: { name: true, email: true } } },
      orderBy: { createdAt: "asc" },
    }),
    db.invitation.findMany({ where: { processId: id, acceptedAt: null }, orderBy: { createdAt: "desc" }, take: 200 }),
  ]);
  return {
    process: { id: process.id, title: process.title },
    meId: membership.id,
    groups: groups.map(toGroupDto),
    members: members.flatMap((m) =>
      isRole(m.role)
        ? [
            {
              id: m.id,
              userId: m.userId,
              name: m.user.name,
              email: m.user.email,
              organisation: m.organisation,
              role: m.role,
              groupId: m.groupId,
              joinedAt: m.createdAt.toISOString(),
            },
          ]
        : [],
    ),
    invitations: invitations.flatMap((inv) =>
      isRole(inv.role)
        ? [
            {
              id: inv.id,
              email: inv.email,
              role: inv.role,
              groupId: inv.groupId,
              organisation: inv.organisation,
              status: invitationStatus(inv),
              createdAt: inv.createdAt.toISOString(),
              expiresAt: inv.expiresAt.toISOString(),
            },
          ]
        : [],
    ),
  };
}
