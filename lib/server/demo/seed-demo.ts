import "server-only";
import { DEFAULT_GROUPS, groupColour } from "@/lib/domain/groups";
import { appendAudit } from "../audit/append-audit";
import { hashPassword } from "../auth/passwords";
import { db } from "../db";
import { createDraft } from "../draft/create-draft";
import { demoDocument } from "./demo-doc";
import { DEMO_MEMBERS, DEMO_PASSWORD } from "./demo-members";
import { DEMO_DRAFT } from "./demo-text";

export type SeedOutcome = "seeded" | "skipped";

/**
 * Seeds the demo drafting process on an empty instance only: once anyone has an
 * account, nothing is added (so restarts and real instances are left alone).
 */
export async function seedDemo(): Promise<SeedOutcome> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.$transaction(
    async (tx) => {
      if ((await tx.user.count()) > 0) return "skipped";
      const users = [];
      for (const [i, m] of DEMO_MEMBERS.entries()) {
        const user = await tx.user.create({ data: { name: m.name, email: m.email, passwordHash, isAdmin: i === 0 } });
        await appendAudit(tx, {
          processId: null,
          actorId: user.id,
          action: "user.signed_up",
          data: { userId: user.id, email: user.email, instanceAdmin: i === 0, demo: true },
        });
        users.push(user);
      }
      const convenor = users[0];
      const process = await tx.process.create({
        data: { title: DEMO_DRAFT.title, description: DEMO_DRAFT.description, language: "en", createdById: convenor.id },
      });
      await appendAudit(tx, {
        processId: process.id,
        actorId: convenor.id,
        action: "process.created",
        data: { title: DEMO_DRAFT.title, language: "en", demo: true },
      });
      const groupIds: Record<string, string> = {};
      for (const [position, g] of DEFAULT_GROUPS.entries()) {
        const row = await tx.stakeholderGroup.create({
          data: { processId: process.id, key: g.key, name: g.name, colour: groupColour(position), position },
        });
        groupIds[g.key] = row.id;
      }
      await createDraft(tx, process.id, demoDocument(DEMO_DRAFT));
      for (const [i, m] of DEMO_MEMBERS.entries()) {
        const membership = await tx.membership.create({
          data: { processId: process.id, userId: users[i].id, role: m.role, groupId: groupIds[m.group], organisation: m.organisation },
        });
        await appendAudit(tx, {
          processId: process.id,
          actorId: convenor.id,
          action: "member.seeded",
          data: { membershipId: membership.id, userId: users[i].id, role: m.role, groupId: groupIds[m.group], organisation: m.organisation },
        });
      }
      return "seeded";
    },
    { timeout: 30_000 },
  );
}
