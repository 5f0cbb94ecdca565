import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GENESIS_HASH, hashAuditRow, verifyAuditChain, type AuditRow } from "./audit-chain";

function chain(count: number): AuditRow[] {
  const rows: AuditRow[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq++) {
    const body = {
      seq,
      createdAt: new Date(Date.UTC(2026, 10, 28, 0, seq)).toISOString(),
      processId: "p1",
      actorId: `u${seq}`,
      action: "member.invited",
      data: { email: `person${seq}@example.org`, role: "commenter" },
      prevHash,
    };
    const hash = hashAuditRow(body);
    rows.push({ ...body, hash });
    prevHash = hash;
  }
  return rows;
}

describe("hashAuditRow", () => {
  it("is SHA-256 of prevHash followed by the canonical JSON of the row", () => {
    const [row] = chain(1);
    const canonical =
      `{"action":"member.invited","actorId":"u1","createdAt":"${row.createdAt}",` +
      `"data":{"email":"person1@example.org","role":"commenter"},"prevHash":"${GENESIS_HASH}","processId":"p1","seq":1}`;
    expect(row.hash).toBe(createHash("sha256").update(GENESIS_HASH + canonical).digest("hex"));
  });
});

describe("verifyAuditChain", () => {
  it("accepts an untouched chain and reports its head", () => {
    const rows = chain(5);
    expect(verifyAuditChain(rows)).toEqual({ rows: 5, headHash: rows[4].hash, problems: [] });
  });

  it("accepts an empty chain", () => {
    expect(verifyAuditChain([])).toEqual({ rows: 0, headHash: GENESIS_HASH, problems: [] });
  });

  it("detects an edited row's data", () => {
    const rows = chain(4);
    rows[1] = { ...rows[1], data: { email: "someone-else@example.org", role: "convenor" } };
    const report = verifyAuditChain(rows);
    expect(report.problems).toEqual([expect.objectContaining({ kind: "hash_mismatch", seq: 2 })]);
  });

  it("detects an edited row whose hash was recomputed (the next link breaks)", () => {
    const rows = chain(4);
    const forged = { ...rows[1], actorId: "intruder" };
    rows[1] = { ...forged, hash: hashAuditRow(forged) };
    expect(verifyAuditChain(rows).problems).toEqual([expect.objectContaining({ kind: "broken_link", seq: 3 })]);
  });

  it("detects a deleted row in the middle", () => {
    const rows = chain(4);
    rows.splice(1, 1);
    const kinds = verifyAuditChain(rows).problems.map((p) => p.kind);
    expect(kinds).toEqual(["sequence_gap", "broken_link"]);
  });

  it("detects a deleted first row", () => {
    const rows = chain(3).slice(1);
    expect(verifyAuditChain(rows).problems).toEqual([expect.objectContaining({ kind: "broken_link", seq: 2 })]);
  });

  it("detects a changed timestamp or action", () => {
    for (const change of [{ createdAt: "2030-01-01T00:00:00.000Z" }, { action: "member.removed" }]) {
      const rows = chain(3);
      rows[2] = { ...rows[2], ...change };
      expect(verifyAuditChain(rows).problems.map((p) => p.kind)).toEqual(["hash_mismatch"]);
    }
  });
});
