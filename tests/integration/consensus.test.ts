import * as encoding from "lib0/encoding";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { MESSAGE_SYNC } from "@/lib/collab/protocol";
import { makeBundle, verifyBundle } from "@/lib/domain/signed-record";
import { verifyAuditLog } from "@/lib/server/audit/verify-audit-log";
import { getConsensus } from "@/lib/server/consensus/get-consensus";
import { setDisposition } from "@/lib/server/consensus/set-disposition";
import { signOff } from "@/lib/server/consensus/sign-off";
import { getSignedRecord, verifySignedRecord } from "@/lib/server/consensus/signed-record";
import { takePosition } from "@/lib/server/consensus/take-position";
import { updateRules } from "@/lib/server/consensus/update-rules";
import { db } from "@/lib/server/db";
import { connect, demoWorld, paragraphText, plainText, rawSocket, startCollab, storedDoc, synced, tokenFor, until, type DemoWorld, type Running } from "./collab/harness";

let world: DemoWorld;
let server: Running;

beforeAll(async () => {
  server = await startCollab();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(async () => {
  world = await demoWorld();
});

async function clause(number: string) {
  return db.clause.findFirstOrThrow({ where: { processId: world.processId, number } });
}
async function statusOf(number: string) {
  const c = await clause(number);
  return (await getConsensus(world.convenor, world.processId)).clauses.find((x) => x.clauseId === c.clauseId)!;
}
const position = async (who: keyof DemoWorld, number: string, stance: string, rationale = "") =>
  takePosition(world[who] as DemoWorld["convenor"], { processId: world.processId, clauseId: (await clause(number)).clauseId, stance, rationale });

describe("positions", () => {
  it("stores a position under the member's own group even when the request claims another", async () => {
    const government = await db.stakeholderGroup.findFirstOrThrow({ where: { processId: world.processId, key: "government" } });
    const { positionId } = await takePosition(world.commenter, {
      processId: world.processId,
      clauseId: (await clause("1.1")).clauseId,
      stance: "agree",
      groupId: government.id,
      groupName: "Government",
    });
    const stored = await db.position.findUniqueOrThrow({ where: { id: positionId } });
    expect(stored).toMatchObject({ groupName: "Civil society", authorName: "Priya Natarajan", organisation: "Digital Rights Collective" });
    expect(stored.textHash).toBe((await clause("1.1")).textHash);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "position.taken" } });
    expect(JSON.parse(audit.data)).toMatchObject({ positionId, stance: "agree" });
  });

  it("refuses an observer's position and bad input, storing nothing", async () => {
    const c = (await clause("1.1")).clauseId;
    const cases: Array<[DemoWorld["convenor"], Record<string, unknown>, string]> = [
      [world.observer, { clauseId: c, stance: "agree" }, "forbidden"],
      [world.commenter, { clauseId: c, stance: "veto" }, "invalid_input"],
      [world.commenter, { clauseId: c, stance: "block" }, "invalid_input"],
      [world.commenter, { clauseId: c, stance: "disagree", rationale: " " }, "invalid_input"],
      [world.commenter, { clauseId: "s1", stance: "agree" }, "invalid_input"],
      [world.commenter, { clauseId: "nope", stance: "agree" }, "invalid_input"],
    ];
    for (const [who, input, code] of cases) await expect(takePosition(who, { processId: world.processId, ...input })).rejects.toMatchObject({ code });
    expect(await db.position.count()).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "position.taken" } })).toBe(0);
  });

  it("keeps history: a changed position supersedes the previous one", async () => {
    await position("commenter", "1.1", "disagree", "Too vague.");
    await position("commenter", "1.1", "agree");
    const rows = await db.position.findMany({ where: { userId: world.commenter.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.stance, r.supersededAt === null])).toEqual([["disagree", false], ["agree", true]]);
    expect((await statusOf("1.1")).positions).toHaveLength(1);
  });
});

describe("consensus", () => {
  it("reaches consensus, goes stale when the clause text changes, and only that clause", async () => {
    for (const n of ["1.1", "1.2"]) {
      await position("editorGov", n, "agree");
      await position("editorIndustry", n, "agree");
      await position("commenter", n, "reservations", "Fine, with care for minorities.");
    }
    expect((await statusOf("1.1")).status).toBe("consensus");
    // An editor changes clause 1.1 through the collaboration server.
    const client = connect(server.url, world.processId, await tokenFor(world.editorGov, world.processId));
    await synced(client);
    paragraphText(client, 0).insert(0, "Amended: ");
    const old = (await clause("1.1")).textHash;
    await until(async () => (await clause("1.1")).textHash !== old, "clause table re-derived");
    client.destroy();
    const after = await statusOf("1.1");
    expect(after.status).toBe("awaiting_input");
    expect(after.staleCount).toBe(3);
    expect(after.positions.every((p) => p.stale)).toBe(true);
    expect(after.reasons).toContainEqual(expect.objectContaining({ kind: "below_quorum" }));
    expect((await statusOf("1.2")).status).toBe("consensus");
  });

  it("a block keeps the clause blocked until the convenor records a disposition", async () => {
    await position("editorGov", "2.1", "agree");
    await position("editorIndustry", "2.1", "agree");
    const { positionId } = await position("commenter", "2.1", "block", "No parliamentary oversight.");
    expect((await statusOf("2.1")).status).toBe("blocked");
    await expect(setDisposition(world.editorGov, { processId: world.processId, positionId, kind: "addressed", note: "Added oversight." })).rejects.toMatchObject({ code: "forbidden" });
    await setDisposition(world.convenor, { processId: world.processId, positionId, kind: "not_accommodated", note: "Oversight is covered in 2.2." });
    const s = await statusOf("2.1");
    expect(s.status).toBe("contested");
    expect(s.positions.find((p) => p.id === positionId)?.disposition).toMatchObject({ kind: "not_accommodated" });
    await expect(setDisposition(world.convenor, { processId: world.processId, positionId, kind: "addressed", note: "again" })).rejects.toMatchObject({ code: "conflict" });
  });

  it("lets the convenor change the rule", async () => {
    await position("editorGov", "3.1", "agree");
    await position("editorIndustry", "3.1", "agree");
    await position("commenter", "3.1", "agree");
    expect((await statusOf("3.1")).status).toBe("consensus");
    await updateRules(world.convenor, { processId: world.processId, quorum: 1, approval: 0.5, negatives: 0.5 });
    expect((await statusOf("3.1")).status).toBe("awaiting_input");
    await expect(updateRules(world.editorGov, { processId: world.processId, quorum: 1, approval: 0.5, negatives: 0.5 })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateRules(world.convenor, { processId: world.processId, quorum: 0, approval: 2, negatives: 0.5 })).rejects.toMatchObject({ code: "invalid_input" });
  });
});

describe("sign-off", () => {
  async function agreeEverywhere() {
    const clauses = await db.clause.findMany({ where: { processId: world.processId, kind: "clause" } });
    for (const who of ["editorGov", "editorIndustry", "commenter"] as const) {
      for (const c of clauses) await takePosition(world[who], { processId: world.processId, clauseId: c.clauseId, stance: "agree" });
    }
    return clauses;
  }

  it("refuses while a clause lacks consensus, unless overridden with a justification", async () => {
    await expect(signOff(world.convenor, { processId: world.processId })).rejects.toMatchObject({ code: "conflict" });
    const clauses = await agreeEverywhere();
    const blocked = await position("commenter", "4.1", "block", "Language data must stay local.");
    expect((await statusOf("4.1")).status).toBe("blocked");
    await expect(signOff(world.convenor, { processId: world.processId })).rejects.toMatchObject({ code: "conflict" });
    await expect(signOff(world.editorGov, { processId: world.processId })).rejects.toMatchObject({ code: "forbidden" });
    await expect(signOff(world.convenor, { processId: world.processId, overrides: [{ clauseId: (await clause("4.1")).clauseId, justification: "short" }] })).rejects.toMatchObject({
      code: "invalid_input",
    });
    expect(await db.signOff.count()).toBe(0);
    const { sha256 } = await signOff(world.convenor, {
      processId: world.processId,
      overrides: [{ clauseId: (await clause("4.1")).clauseId, justification: "Minister's decision after two rounds of consultation." }],
    });
    expect(clauses.length).toBe(30);
    const json = await getSignedRecord(world.observer, { processId: world.processId, format: "json" });
    const bundle = JSON.parse(json.body as string);
    expect(bundle.sha256).toBe(sha256);
    expect(bundle.record.text.filter((t: { kind: string }) => t.kind === "clause")).toHaveLength(30);
    expect(bundle.record.objections).toEqual([expect.objectContaining({ positionId: blocked.positionId, stance: "block", disposition: null })]);
    expect(bundle.record.overrides).toEqual([expect.objectContaining({ clause: "4.1" })]);
    expect(bundle.record.ledger).toHaveLength(91);
    expect(verifyBundle(json.body as string)).toEqual({ valid: true, sha256 });
    expect(await verifySignedRecord(null, json.body)).toEqual({ valid: true, sha256 });
    const tampered = (json.body as string).replace('"stance": "agree"', '"stance": "disagree"');
    const verdict = await verifySignedRecord(world.observer, tampered);
    expect(verdict.valid).toBe(false);
    expect(verdict.valid ? [] : verdict.problems.join("\n")).toMatch(/record\.ledger\[0\]\.stance differs from the signed record/);
    // Anyone else learns that it is not the signed record, not where it differs nor the signed fingerprint.
    const outsider = await db.user.create({ data: { name: "Outsider", email: "outsider-verify@example.org", passwordHash: "x" } });
    // A consistent forgery (its fingerprint recomputed), so the only problem is that it is not the signed one.
    const forged = JSON.stringify(makeBundle(JSON.parse(tampered).record));
    expect(await verifySignedRecord(world.observer, forged)).toMatchObject({ valid: false, problems: expect.arrayContaining([expect.stringContaining(sha256)]) });
    for (const who of [null, { id: outsider.id, email: outsider.email, name: outsider.name, isAdmin: false }]) {
      const blind = await verifySignedRecord(who, forged);
      expect(blind.valid).toBe(false);
      const text = blind.valid ? "" : blind.problems.join("\n");
      expect(text).toMatch(/not the record that was signed/);
      expect(text).not.toMatch(/ledger|stance/);
      expect(text).not.toContain(sha256);
    }
    for (const format of ["md", "html", "docx"]) {
      const file = await getSignedRecord(world.commenter, { processId: world.processId, format });
      expect(file.body.length).toBeGreaterThan(1000);
    }
    expect((await db.process.findUniqueOrThrow({ where: { id: world.processId } })).status).toBe("signed_off");
    expect((await verifyAuditLog(db)).problems).toEqual([]);
    await expect(position("commenter", "1.1", "disagree", "Too late")).rejects.toMatchObject({ code: "conflict" });
    await expect(signOff(world.convenor, { processId: world.processId })).rejects.toMatchObject({ code: "conflict" });
  });

  it("freezes the text at the collaboration server: a raw update after sign-off is refused", async () => {
    await agreeEverywhere();
    const editor = connect(server.url, world.processId, await tokenFor(world.editorGov, world.processId));
    await synced(editor);
    const before = plainText(editor);
    await signOff(world.convenor, { processId: world.processId });
    // An already-open editor's update is dropped …
    paragraphText(editor, 0).insert(0, "AFTER SIGN-OFF ");
    // … and so is a raw frame from a new connection.
    const raw = rawSocket(server.url, world.processId, await tokenFor(world.editorIndustry, world.processId));
    await raw.opened;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(await storedDoc(world.processId)));
    const sv = Y.encodeStateVector(doc);
    const first = doc.getXmlFragment("default").toArray().find((n) => n instanceof Y.XmlElement && n.nodeName === "paragraph") as Y.XmlElement;
    (first.get(0) as Y.XmlText).insert(0, "RAW ");
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc, sv));
    raw.ws.send(encoding.toUint8Array(encoder));
    await new Promise((r) => setTimeout(r, 500));
    await server.collab.room(world.processId)?.settle();
    expect(plainText(await storedDoc(world.processId))).toBe(before);
    raw.ws.close();
    editor.destroy();
  });
});
