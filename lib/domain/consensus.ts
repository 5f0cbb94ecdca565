/**
 * The consensus rule, pure: positions in, a status per clause out, with the
 * reasons behind it. Configurable per process (q, a, n).
 */
export const STANCES = ["agree", "reservations", "disagree", "block", "abstain"] as const;
export type Stance = (typeof STANCES)[number];

/** Stances that need a written rationale. */
export const RATIONALE_REQUIRED = new Set<Stance>(["reservations", "disagree", "block"]);

export type Disposition = "addressed" | "not_accommodated";

export interface ConsensusRules {
  /** Share of a group's voting members whose current positions make its quorum. */
  quorum: number;
  /** Minimum (agree + reservations) / (agree + reservations + disagree + block). */
  approval: number;
  /** Maximum (disagree + block) / (agree + reservations + disagree + block). */
  negatives: number;
}

export const DEFAULT_RULES: ConsensusRules = { quorum: 0.5, approval: 2 / 3, negatives: 0.25 };

export interface GroupInput {
  id: string;
  /** Members of the group whose role may take positions. */
  eligible: number;
}

export interface PositionInput {
  groupId: string;
  stance: Stance;
  /** Taken on an earlier wording of the clause: shown, not counted. */
  stale: boolean;
  disposition: Disposition | null;
}

export interface GroupTally {
  groupId: string;
  eligible: number;
  quorumNeeded: number;
  current: number;
  agree: number;
  reservations: number;
  disagree: number;
  block: number;
  abstain: number;
  stale: number;
  openBlocks: number;
  /** Null when nobody took a side (all abstained, or no current positions). */
  approval: number | null;
  meetsQuorum: boolean;
  meetsThresholds: boolean;
}

export type Reason =
  | { kind: "no_voters"; groupId: string }
  | { kind: "below_quorum"; groupId: string; have: number; need: number }
  | { kind: "approval"; groupId: string; approval: number; required: number }
  | { kind: "negatives"; groupId: string; share: number; max: number }
  | { kind: "open_block"; groupId: string; count: number };

export type ClauseStatus = "awaiting_input" | "consensus" | "contested" | "blocked";

export interface ClauseConsensus {
  status: ClauseStatus;
  groups: GroupTally[];
  reasons: Reason[];
  staleCount: number;
}

// Shares are compared with a small tolerance so that 2 of 3 meets "2/3" exactly.
const EPSILON = 1e-9;

export function quorumFor(eligible: number, q: number): number {
  return Math.max(1, Math.ceil(q * eligible - EPSILON));
}

function tallyGroup(group: GroupInput, positions: PositionInput[], rules: ConsensusRules): GroupTally {
  const mine = positions.filter((p) => p.groupId === group.id);
  const current = mine.filter((p) => !p.stale);
  const count = (stance: Stance) => current.filter((p) => p.stance === stance).length;
  const agree = count("agree");
  const reservations = count("reservations");
  const disagree = count("disagree");
  const block = count("block");
  const abstain = count("abstain");
  const sides = agree + reservations + disagree + block;
  const quorumNeeded = quorumFor(group.eligible, rules.quorum);
  const approval = sides ? (agree + reservations) / sides : null;
  const negativeShare = sides ? (disagree + block) / sides : 0;
  // Nobody taking a side (all abstained) stands aside: the group does not stand in the way.
  const meetsThresholds = approval === null || (approval + EPSILON >= rules.approval && negativeShare - EPSILON <= rules.negatives);
  return {
    groupId: group.id,
    eligible: group.eligible,
    quorumNeeded,
    current: current.length,
    agree,
    reservations,
    disagree,
    block,
    abstain,
    stale: mine.length - current.length,
    openBlocks: current.filter((p) => p.stance === "block" && !p.disposition).length,
    approval,
    meetsQuorum: current.length >= quorumNeeded,
    meetsThresholds,
  };
}

/**
 * Status of one clause. Groups without voting members are left out (they cannot
 * hold a clause back, and it says so). Precedence: an open block makes it
 * blocked; else a group below quorum makes it await input; else a group missing
 * the thresholds makes it contested; else consensus.
 */
export function clauseConsensus(groups: GroupInput[], positions: PositionInput[], rules: ConsensusRules = DEFAULT_RULES): ClauseConsensus {
  const reasons: Reason[] = [];
  const tallies: GroupTally[] = [];
  for (const group of groups) {
    if (group.eligible <= 0) {
      reasons.push({ kind: "no_voters", groupId: group.id });
      continue;
    }
    const tally = tallyGroup(group, positions, rules);
    tallies.push(tally);
    if (tally.openBlocks) reasons.push({ kind: "open_block", groupId: group.id, count: tally.openBlocks });
    if (!tally.meetsQuorum) reasons.push({ kind: "below_quorum", groupId: group.id, have: tally.current, need: tally.quorumNeeded });
    else if (!tally.meetsThresholds && tally.approval !== null) {
      if (tally.approval + EPSILON < rules.approval) reasons.push({ kind: "approval", groupId: group.id, approval: tally.approval, required: rules.approval });
      if (1 - tally.approval - EPSILON > rules.negatives) reasons.push({ kind: "negatives", groupId: group.id, share: 1 - tally.approval, max: rules.negatives });
    }
  }
  const staleCount = positions.filter((p) => p.stale).length;
  let status: ClauseStatus;
  if (tallies.some((t) => t.openBlocks > 0)) status = "blocked";
  else if (!tallies.length || tallies.some((t) => !t.meetsQuorum)) status = "awaiting_input";
  else if (tallies.some((t) => !t.meetsThresholds)) status = "contested";
  else status = "consensus";
  return { status, groups: tallies, reasons, staleCount };
}

export function validRules(rules: ConsensusRules): boolean {
  const inRange = (x: number) => Number.isFinite(x) && x >= 0 && x <= 1;
  return inRange(rules.quorum) && rules.quorum > 0 && inRange(rules.approval) && inRange(rules.negatives);
}
