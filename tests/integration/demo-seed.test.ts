import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/server/db";
import { DEMO_MEMBERS } from "@/lib/server/demo/demo-members";
import { seedDemo } from "@/lib/server/demo/seed-demo";
import { toActor } from "@/lib/server/auth/actor";
import { getProcessOverview } from "@/lib/server/processes/get-process-overview";
import { verifyAuditLog } from "@/lib/server/audit/verify-audit-log";
import { resetDatabase } from "./helpers";

beforeEach(resetDatabase);

describe("seedDemo", () => {
  it("creates the demo draft: 6 sections, 30 numbered clauses, six members two per group with every role", async () => {
    expect(await seedDemo()).toBe("seeded");
    const process = await db.process.findFirstOrThrow();
    expect(process.title).toBe("National Strategy for Tech Diplomacy");
    const clauses = await db.clause.findMany({ where: { processId: process.id }, orderBy: { position: "asc" } });
    expect(clauses.filter((c) => c.kind === "heading").map((c) => c.number)).toEqual(["1", "2", "3", "4", "5", "6"]);
    const numbered = clauses.filter((c) => c.kind === "clause");
    expect(numbered).toHaveLength(30);
    expect(new Set(numbered.map((c) => c.clauseId)).size).toBe(30);
    expect(numbered[0].number).toBe("1.1");
    expect(numbered.every((c) => /^[1-6]\.\d+$/.test(c.number) && c.textHash.length === 64 && c.text.length > 50)).toBe(true);

    const members = await db.membership.findMany({ where: { processId: process.id }, include: { group: true } });
    const byGroup = new Map<string, number>();
    for (const m of members) byGroup.set(m.group.key ?? "", (byGroup.get(m.group.key ?? "") ?? 0) + 1);
    expect(Object.fromEntries(byGroup)).toEqual({ government: 2, private_sector: 2, civil_society: 2 });
    expect(new Set(members.map((m) => m.role))).toEqual(new Set(["convenor", "editor", "commenter", "observer"]));
    expect((await verifyAuditLog(db)).problems).toEqual([]);
  });

  it("makes the demo convenor an instance administrator who sees the draft as convenor", async () => {
    await seedDemo();
    const convenor = toActor(await db.user.findUniqueOrThrow({ where: { email: DEMO_MEMBERS[0].email } }));
    expect(convenor.isAdmin).toBe(true);
    const process = await db.process.findFirstOrThrow();
    const overview = await getProcessOverview(convenor, process.id);
    expect(overview.me.role).toBe("convenor");
    expect(overview.clauseCount).toBe(30);
    expect(overview.outline).toHaveLength(6);
  });

  it("never seeds an instance that already has accounts", async () => {
    await seedDemo();
    expect(await seedDemo()).toBe("skipped");
    expect(await db.process.count()).toBe(1);
    expect(await db.user.count()).toBe(DEMO_MEMBERS.length);
  });
});
