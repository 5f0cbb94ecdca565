import { beforeEach, describe, expect, it } from "vitest";
import { addGroup } from "@/lib/server/groups/add-group";
import { acceptInvitation } from "@/lib/server/invitations/accept-invitation";
import { getInvitationPreview } from "@/lib/server/invitations/get-invitation";
import { getMemberAdmin } from "@/lib/server/members/get-member-admin";
import { inviteMember } from "@/lib/server/members/invite-member";
import { removeMember } from "@/lib/server/members/remove-member";
import { revokeInvitation } from "@/lib/server/members/revoke-invitation";
import { updateMember } from "@/lib/server/members/update-member";
import { createProcess } from "@/lib/server/processes/create-process";
import { getProcessOverview } from "@/lib/server/processes/get-process-overview";
import { listMyProcesses } from "@/lib/server/processes/list-my-processes";
import { db } from "@/lib/server/db";
import { addMember, auditCount, makeProcess, makeUser, resetDatabase } from "./helpers";

beforeEach(resetDatabase);

async function snapshot(processId: string) {
  return {
    memberships: await db.membership.findMany({ where: { processId }, orderBy: { id: "asc" } }),
    invitations: await db.invitation.findMany({ where: { processId }, orderBy: { id: "asc" } }),
    groups: await db.stakeholderGroup.count({ where: { processId } }),
    audit: await auditCount(),
  };
}

describe("createProcess", () => {
  it("creates the process with the three default groups and the admin as convenor", async () => {
    const world = await makeProcess();
    const overview = await getProcessOverview(world.admin, world.processId);
    expect(overview.groups.map((g) => g.key)).toEqual(["government", "private_sector", "civil_society"]);
    expect(overview.me).toMatchObject({ role: "convenor", groupId: world.groups.government });
    expect(overview.members).toHaveLength(1);
  });

  it("refuses anyone who is not an instance administrator, storing nothing", async () => {
    await makeProcess();
    const someone = await makeUser("Not Admin");
    const before = await db.process.count();
    await expect(
      createProcess(someone, {
        title: "Mine",
        language: "en",
        convenorEmail: someone.email,
        convenorGroupKey: "government",
        convenorOrganisation: "X",
      }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.process.count()).toBe(before);
  });

  it("appoints another person as convenor through an invitation link", async () => {
    const world = await makeProcess();
    const { processId, convenorInvitationToken } = await createProcess(world.admin, {
      title: "Second process",
      language: "fr",
      convenorEmail: "envoy@example.org",
      convenorGroupKey: "government",
      convenorOrganisation: "Ministry",
    });
    expect(convenorInvitationToken).toBeTruthy();
    const envoy = await makeUser("Envoy", "envoy@example.org");
    await acceptInvitation(envoy, { token: convenorInvitationToken });
    const overview = await getProcessOverview(envoy, processId);
    expect(overview.me.role).toBe("convenor");
    await expect(getProcessOverview(world.admin, processId)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("invitations", () => {
  it("joins with exactly the role, group and organisation the convenor fixed", async () => {
    const world = await makeProcess();
    const person = await makeUser("Priya");
    const { token } = await inviteMember(world.admin, {
      processId: world.processId,
      email: "PRIYA@example.org",
      role: "commenter",
      groupId: world.groups.civil_society,
      organisation: "Digital Rights Collective",
    });
    const preview = await getInvitationPreview(token);
    expect(preview).toMatchObject({ status: "pending", email: "priya@example.org", role: "commenter" });
    // The request tries to smuggle a different role and group: ignored.
    await acceptInvitation(person, { token, role: "convenor", groupId: world.groups.government });
    const [mine] = await listMyProcesses(person);
    expect(mine).toMatchObject({ role: "commenter", organisation: "Digital Rights Collective", group: { key: "civil_society" } });
    await expect(acceptInvitation(person, { token })).rejects.toMatchObject({ code: "invitation_invalid" });
  });

  it("only works for the invited email address", async () => {
    const world = await makeProcess();
    const { token } = await inviteMember(world.admin, {
      processId: world.processId,
      email: "invited@example.org",
      role: "editor",
      groupId: world.groups.private_sector,
      organisation: "Org",
    });
    const other = await makeUser("Other");
    await expect(acceptInvitation(other, { token })).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.membership.count({ where: { processId: world.processId } })).toBe(1);
  });

  it("cannot be used once revoked, expired, or replaced by a newer invitation", async () => {
    const world = await makeProcess();
    const invitee = await makeUser("Invitee");
    const fields = { processId: world.processId, email: invitee.email, role: "observer", groupId: world.groups.government, organisation: "O" };
    const first = await inviteMember(world.admin, fields);
    const second = await inviteMember(world.admin, fields);
    await expect(acceptInvitation(invitee, { token: first.token })).rejects.toMatchObject({ code: "invitation_invalid" });

    await revokeInvitation(world.admin, { processId: world.processId, invitationId: second.invitationId });
    await expect(acceptInvitation(invitee, { token: second.token })).rejects.toMatchObject({ code: "invitation_invalid" });

    const third = await inviteMember(world.admin, fields);
    await db.invitation.update({ where: { id: third.invitationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await getInvitationPreview(third.token))?.status).toBe("expired");
    await expect(acceptInvitation(invitee, { token: third.token })).rejects.toMatchObject({ code: "invitation_invalid" });
    expect(await db.membership.count({ where: { processId: world.processId } })).toBe(1);
  });

  it("refuses an unknown token, a group from another process and an existing member", async () => {
    const world = await makeProcess();
    const other = await makeProcess("Other process");
    const someone = await makeUser("Someone");
    await expect(acceptInvitation(someone, { token: "x".repeat(43) })).rejects.toMatchObject({ code: "not_found" });
    await expect(acceptInvitation(someone, { token: "<script>" })).rejects.toMatchObject({ code: "invalid_input" });
    expect(await getInvitationPreview("../../etc/passwd")).toBeNull();
    const before = await snapshot(world.processId);
    await expect(
      inviteMember(world.admin, { processId: world.processId, email: "x@example.org", role: "editor", groupId: other.groups.government, organisation: "O" }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    await expect(
      inviteMember(world.admin, { processId: world.processId, email: world.admin.email, role: "editor", groupId: world.groups.government, organisation: "O" }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      inviteMember(world.admin, { processId: world.processId, email: "x@example.org", role: "admin", groupId: world.groups.government, organisation: "O" }),
    ).rejects.toMatchObject({ code: "invalid_input" });
    expect(await snapshot(world.processId)).toEqual(before);
  });
});

describe("member management is the convenor's alone", () => {
  it.each(["editor", "commenter", "observer"] as const)("a %s cannot invite, change, remove, revoke or add groups", async (role) => {
    const world = await makeProcess();
    const member = await addMember(world, "Member", role, "private_sector");
    const target = await addMember(world, "Target", "commenter", "civil_society");
    const targetMembership = await db.membership.findFirstOrThrow({ where: { userId: target.id } });
    const pending = await inviteMember(world.admin, {
      processId: world.processId, email: "pending@example.org", role: "observer", groupId: world.groups.government, organisation: "O",
    });
    const before = await snapshot(world.processId);
    const p = world.processId;
    const ownMembership = await db.membership.findFirstOrThrow({ where: { userId: member.id } });
    // Thunks: each refusal is awaited in turn, none is left unhandled.
    const attempts = [
      () => inviteMember(member, { processId: p, email: "new@example.org", role: "convenor", groupId: world.groups.government, organisation: "O" }),
      () => updateMember(member, { processId: p, memberId: targetMembership.id, role: "convenor" }),
      () => updateMember(member, { processId: p, memberId: ownMembership.id, role: "convenor" }),
      () => removeMember(member, { processId: p, memberId: targetMembership.id }),
      () => revokeInvitation(member, { processId: p, invitationId: pending.invitationId }),
      () => addGroup(member, { processId: p, name: "Academia" }),
      () => getMemberAdmin(member, p),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "forbidden" });
    expect(await snapshot(world.processId)).toEqual(before);
  });

  it("someone outside the process learns nothing (404)", async () => {
    const world = await makeProcess();
    const outsider = await makeUser("Outsider");
    await expect(getProcessOverview(outsider, world.processId)).rejects.toMatchObject({ code: "not_found" });
    await expect(addGroup(outsider, { processId: world.processId, name: "Academia" })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("convenor changes members", () => {
  it("changes role and group, and removes a member", async () => {
    const world = await makeProcess();
    const member = await addMember(world, "Li", "commenter", "private_sector");
    const membership = await db.membership.findFirstOrThrow({ where: { userId: member.id } });
    await updateMember(world.admin, { processId: world.processId, memberId: membership.id, role: "editor", groupId: world.groups.civil_society });
    expect(await db.membership.findUniqueOrThrow({ where: { id: membership.id } })).toMatchObject({
      role: "editor",
      groupId: world.groups.civil_society,
    });
    await removeMember(world.admin, { processId: world.processId, memberId: membership.id });
    await expect(getProcessOverview(member, world.processId)).rejects.toMatchObject({ code: "not_found" });
  });

  it("never leaves a process without a convenor", async () => {
    const world = await makeProcess();
    const mine = await db.membership.findFirstOrThrow({ where: { userId: world.admin.id } });
    await expect(updateMember(world.admin, { processId: world.processId, memberId: mine.id, role: "editor" })).rejects.toMatchObject({
      code: "last_convenor",
    });
    await expect(removeMember(world.admin, { processId: world.processId, memberId: mine.id })).rejects.toMatchObject({
      code: "last_convenor",
    });
    const second = await addMember(world, "Second", "convenor", "government");
    await updateMember(world.admin, { processId: world.processId, memberId: mine.id, role: "editor" });
    expect((await getProcessOverview(second, world.processId)).me.role).toBe("convenor");
  });

  it("adds stakeholder groups with distinct names", async () => {
    const world = await makeProcess();
    await addGroup(world.admin, { processId: world.processId, name: "Academia" });
    await expect(addGroup(world.admin, { processId: world.processId, name: "academia" })).rejects.toMatchObject({ code: "conflict" });
    await expect(addGroup(world.admin, { processId: world.processId, name: "" })).rejects.toMatchObject({ code: "invalid_input" });
    const groups = await db.stakeholderGroup.findMany({ where: { processId: world.processId }, orderBy: { position: "asc" } });
    expect(groups.map((g) => g.name)).toEqual(["Government", "Private sector", "Civil society", "Academia"]);
    expect(new Set(groups.map((g) => g.colour)).size).toBe(4);
  });
});
