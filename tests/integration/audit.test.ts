import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { verifyAuditLog } from "@/lib/server/audit/verify-audit-log";
import { db } from "@/lib/server/db";
import { addGroup } from "@/lib/server/groups/add-group";
import { inviteMember } from "@/lib/server/members/invite-member";
import { revokeInvitation } from "@/lib/server/members/revoke-invitation";
import { updateMember } from "@/lib/server/members/update-member";
import { addMember, makeProcess, resetDatabase } from "./helpers";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..", "..");

async function auditVerifyCli(): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(path.join(root, "node_modules", ".bin", "tsx"), [path.join(root, "scripts", "audit-verify.ts")], {
      cwd: root,
      env: process.env,
    });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stderr: string };
    return { code: e.code, out: e.stderr };
  }
}

/** A process with a realistic history: creation, invitations, acceptance, a role change, a revocation, a group. */
async function history() {
  const world = await makeProcess();
  const member = await addMember(world, "Li", "commenter", "private_sector");
  const membership = await db.membership.findFirstOrThrow({ where: { userId: member.id } });
  await updateMember(world.admin, { processId: world.processId, memberId: membership.id, role: "editor" });
  const pending = await inviteMember(world.admin, {
    processId: world.processId, email: "p@example.org", role: "observer", groupId: world.groups.government, organisation: "O",
  });
  await revokeInvitation(world.admin, { processId: world.processId, invitationId: pending.invitationId });
  await addGroup(world.admin, { processId: world.processId, name: "Academia" });
  return world;
}

beforeEach(resetDatabase);

describe("audit log", () => {
  it("records every membership change as a chained row", async () => {
    const world = await history();
    const actions = (await db.auditEvent.findMany({ where: { processId: world.processId }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions).toEqual([
      "process.created",
      "member.appointed_convenor",
      "invitation.created",
      "invitation.accepted",
      "member.updated",
      "invitation.created",
      "invitation.revoked",
      "group.added",
    ]);
    const report = await verifyAuditLog(db);
    expect(report.problems).toEqual([]);
    expect(report.rows).toBe(await db.auditEvent.count());
    const update = await db.auditEvent.findFirstOrThrow({ where: { action: "member.updated" } });
    expect(JSON.parse(update.data)).toMatchObject({ before: { role: "commenter" }, after: { role: "editor" } });
  });

  it("detects an edited row", async () => {
    await history();
    const row = await db.auditEvent.findFirstOrThrow({ where: { action: "member.updated" } });
    await db.auditEvent.update({ where: { seq: row.seq }, data: { data: row.data.replace('"editor"', '"convenor"') } });
    const report = await verifyAuditLog(db);
    expect(report.problems).toEqual([expect.objectContaining({ kind: "hash_mismatch", seq: row.seq })]);
  });

  it("detects a deleted row", async () => {
    await history();
    const row = await db.auditEvent.findFirstOrThrow({ where: { action: "invitation.revoked" } });
    await db.auditEvent.delete({ where: { seq: row.seq } });
    const kinds = (await verifyAuditLog(db)).problems.map((p) => p.kind);
    expect(kinds).toEqual(["sequence_gap", "broken_link"]);
  });

  it("npm run audit:verify exits 0 on an intact log and 1 after tampering", async () => {
    await history();
    const intact = await auditVerifyCli();
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(/audit log intact: \d+ rows/);
    const row = await db.auditEvent.findFirstOrThrow({ where: { action: "group.added" } });
    await db.auditEvent.update({ where: { seq: row.seq }, data: { actorId: "someone-else" } });
    const tampered = await auditVerifyCli();
    expect(tampered.code).toBe(1);
    expect(tampered.out).toContain(`row ${row.seq}: content does not match its hash`);
  });

  it("keeps the chain intact under concurrent writers", async () => {
    const world = await makeProcess();
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        inviteMember(world.admin, {
          processId: world.processId, email: `c${i}@example.org`, role: "observer", groupId: world.groups.government, organisation: "O",
        }),
      ),
    );
    const report = await verifyAuditLog(db);
    expect(report.problems).toEqual([]);
    expect(await db.invitation.count()).toBe(8);
  });
});
