/** Built-in stakeholder groups every new process starts with; names are translated by key. */
export const DEFAULT_GROUPS = [
  { key: "government", name: "Government" },
  { key: "private_sector", name: "Private sector" },
  { key: "civil_society", name: "Civil society" },
] as const;
export type DefaultGroupKey = (typeof DEFAULT_GROUPS)[number]["key"];

/**
 * Colours for group badges and (later) carets. Each is dark enough for white text
 * (WCAG AA, ≥ 4.5:1) and badges always carry the group's name too, so colour is
 * never the only signal.
 */
export const GROUP_PALETTE = ["#1d4ed8", "#b45309", "#047857", "#7e22ce", "#be123c", "#0f766e", "#4338ca", "#a16207"];

export function groupColour(position: number): string {
  return GROUP_PALETTE[((position % GROUP_PALETTE.length) + GROUP_PALETTE.length) % GROUP_PALETTE.length];
}

export const MAX_GROUPS_PER_PROCESS = 12;
