import { describe, expect, it } from "vitest";
import { clauseConsensus, DEFAULT_RULES, quorumFor, validRules, type PositionInput, type Stance } from "./consensus";

const G = (id: string, eligible: number) => ({ id, eligible });
const P = (groupId: string, stance: Stance, extra: Partial<PositionInput> = {}): PositionInput => ({ groupId, stance, stale: false, disposition: null, ...extra });
const groups3 = [G("gov", 2), G("ind", 2), G("cs", 2)];

describe("quorumFor", () => {
  it.each([
    [0, 0.5, 1],
    [1, 0.5, 1],
    [2, 0.5, 1],
    [3, 0.5, 2],
    [4, 0.5, 2],
    [10, 0.5, 5],
    [3, 2 / 3, 2],
    [10, 1, 10],
  ])("%i eligible at q=%d needs %i", (eligible, q, need) => {
    expect(quorumFor(eligible, q)).toBe(need);
  });
});

describe("clauseConsensus", () => {
  const table: Array<[string, ReturnType<typeof G>[], PositionInput[], string]> = [
    ["nobody has spoken", groups3, [], "awaiting_input"],
    ["one agree per group", groups3, [P("gov", "agree"), P("ind", "agree"), P("cs", "agree")], "consensus"],
    ["reservations count as support", groups3, [P("gov", "reservations"), P("ind", "agree"), P("cs", "reservations")], "consensus"],
    ["one group silent", groups3, [P("gov", "agree"), P("ind", "agree")], "awaiting_input"],
    ["a group disagrees", groups3, [P("gov", "agree"), P("ind", "disagree"), P("cs", "agree")], "contested"],
    ["an open block", groups3, [P("gov", "agree"), P("ind", "agree"), P("cs", "block")], "blocked"],
    ["a block outranks missing quorum", groups3, [P("cs", "block")], "blocked"],
    ["a dispositioned block no longer blocks (still counts against)", groups3, [P("gov", "agree"), P("ind", "agree"), P("cs", "block", { disposition: "not_accommodated" })], "contested"],
    ["a dispositioned block outvoted inside its group (4 of 5 agree)", [G("gov", 2), G("ind", 2), G("cs", 5)], [P("gov", "agree"), P("ind", "agree"), P("cs", "agree"), P("cs", "agree"), P("cs", "agree"), P("cs", "agree"), P("cs", "block", { disposition: "addressed" })], "consensus"],
    ["stale positions are not counted", groups3, [P("gov", "agree"), P("ind", "agree"), P("cs", "agree", { stale: true })], "awaiting_input"],
    ["a stale block does not block", groups3, [P("gov", "agree"), P("ind", "agree"), P("cs", "agree"), P("cs", "block", { stale: true })], "consensus"],
    ["everyone abstains: quorum met, nobody stands in the way", groups3, [P("gov", "abstain"), P("ind", "abstain"), P("cs", "abstain")], "consensus"],
    ["a group with no voting members is left out", [...groups3, G("acad", 0)], [P("gov", "agree"), P("ind", "agree"), P("cs", "agree")], "consensus"],
    ["no group has voting members", [G("a", 0)], [], "awaiting_input"],
    ["single-member group", [G("gov", 1), G("cs", 1)], [P("gov", "agree"), P("cs", "agree")], "consensus"],
    ["3 of 4 agree: approval 0.75 ≥ 2/3 and negatives 0.25 ≤ 1/4 (ties meet)", [G("gov", 4)], [P("gov", "agree"), P("gov", "agree"), P("gov", "agree"), P("gov", "disagree")], "consensus"],
    ["2 of 3 agree: approval exactly 2/3 but negatives 1/3 > 1/4", [G("gov", 3)], [P("gov", "agree"), P("gov", "agree"), P("gov", "disagree")], "contested"],
  ];
  for (const [name, groups, positions, status] of table) {
    it(`${name} → ${status}`, () => {
      expect(clauseConsensus(groups, positions).status).toBe(status);
    });
  }

  it("meets an approval threshold exactly at the tie (2 of 3 with a = 2/3, n = 1/2)", () => {
    const rules = { quorum: 0.5, approval: 2 / 3, negatives: 0.5 };
    expect(clauseConsensus([G("gov", 3)], [P("gov", "agree"), P("gov", "agree"), P("gov", "disagree")], rules).status).toBe("consensus");
    expect(clauseConsensus([G("gov", 4)], [P("gov", "agree"), P("gov", "disagree"), P("gov", "disagree")], rules).status).toBe("contested");
  });

  it("explains every status group by group", () => {
    const result = clauseConsensus([G("gov", 2), G("ind", 4), G("cs", 2)], [P("gov", "agree"), P("ind", "agree"), P("cs", "disagree"), P("cs", "block")]);
    expect(result.status).toBe("blocked");
    expect(result.reasons).toEqual([
      { kind: "below_quorum", groupId: "ind", have: 1, need: 2 },
      { kind: "open_block", groupId: "cs", count: 1 },
      { kind: "approval", groupId: "cs", approval: 0, required: 2 / 3 },
      { kind: "negatives", groupId: "cs", share: 1, max: 0.25 },
    ]);
  });

  it("tallies each group, counting stale positions apart", () => {
    const result = clauseConsensus([G("cs", 3)], [P("cs", "agree"), P("cs", "reservations"), P("cs", "abstain"), P("cs", "block", { stale: true })]);
    expect(result.groups[0]).toMatchObject({ eligible: 3, quorumNeeded: 2, current: 3, agree: 1, reservations: 1, abstain: 1, block: 0, stale: 1, approval: 1, meetsQuorum: true, meetsThresholds: true });
    expect(result.staleCount).toBe(1);
  });

  it("applies per-process rules", () => {
    const strict = { quorum: 1, approval: 1, negatives: 0 };
    const positions = [P("gov", "agree"), P("gov", "reservations")];
    expect(clauseConsensus([G("gov", 3)], positions, strict).status).toBe("awaiting_input");
    expect(clauseConsensus([G("gov", 2)], positions, strict).status).toBe("consensus");
    expect(clauseConsensus([G("gov", 2)], [P("gov", "agree"), P("gov", "disagree")], strict).status).toBe("contested");
  });
});

describe("validRules", () => {
  it("accepts shares between 0 and 1 with a positive quorum", () => {
    expect(validRules(DEFAULT_RULES)).toBe(true);
    expect(validRules({ quorum: 0, approval: 0.5, negatives: 0.5 })).toBe(false);
    expect(validRules({ quorum: 0.5, approval: 1.2, negatives: 0.5 })).toBe(false);
    expect(validRules({ quorum: 0.5, approval: Number.NaN, negatives: 0.5 })).toBe(false);
  });
});
