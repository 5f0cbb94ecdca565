import { db } from "@/lib/server/db";
import { toActor, type Actor } from "@/lib/server/auth/actor";
import { signUp } from "@/lib/server/users/sign-up";
import { createProcess } from "@/lib/server/processes/create-process";
import { inviteMember } from "@/lib/server/members/invite-member";
import { acceptInvitation } from "@/lib/server/invitations/accept-invitation";
import type { Role } from "@/lib/domain/roles";

/** Empties every table (children first). The audit chain restarts from genesis. */
export async function resetDatabase(): Promise<void> {
  await db.auditEvent.deleteMany();
  await db.docUpdate.deleteMany();
  await db.docSnapshot.deleteMany();
  await db.invitation.deleteMany();
  await db.membership.deleteMany();
  await db.clause.deleteMany();
  await db.draft.deleteMany();
  await db.stakeholderGroup.deleteMany();
  await db.process.deleteMany();
  await db.user.deleteMany();
}

let addressCounter = 0;
/** A distinct client address per call, so sign-up rate limits do not couple tests. */
export function freshAddress(): string {
  addressCounter += 1;
  return `203.0.113.${addressCounter % 250}-${addressCounter}`;
}

export async function makeUser(name: string, email = `${name.toLowerCase().replace(/\W+/g, ".")}@example.org`): Promise<Actor> {
  const { id } = await signUp({ name, email, password: "correct horse battery" }, freshAddress());
  const user = await db.user.findUniqueOrThrow({ where: { id } });
  return toActor(user);
}

export interface World {
  admin: Actor;
  processId: string;
  groups: Record<"government" | "private_sector" | "civil_society", string>;
}

/** An admin who convenes a new process in the Government group. */
export async function makeProcess(title = "Digital Cooperation Roadmap", adminName = `Convenor of ${title}`): Promise<World> {
  const created = await makeUser(adminName);
  const admin = toActor(await db.user.update({ where: { id: created.id }, data: { isAdmin: true } }));
  const { processId } = await createProcess(admin, {
    title,
    description: "",
    language: "en",
    convenorEmail: admin.email,
    convenorGroupKey: "government",
    convenorOrganisation: "Ministry of Foreign Affairs",
  });
  const groups = await db.stakeholderGroup.findMany({ where: { processId } });
  const byKey = Object.fromEntries(groups.map((g) => [g.key, g.id])) as World["groups"];
  return { admin, processId, groups: byKey };
}

/** Invites and accepts in one go: a member with the given role and group. */
export async function addMember(world: World, name: string, role: Role, group: keyof World["groups"]): Promise<Actor> {
  const person = await makeUser(name);
  const { token } = await inviteMember(world.admin, {
    processId: world.processId,
    email: person.email,
    role,
    groupId: world.groups[group],
    organisation: `${name}'s organisation`,
  });
  await acceptInvitation(person, { token });
  return person;
}

export async function auditCount(): Promise<number> {
  return db.auditEvent.count();
}
