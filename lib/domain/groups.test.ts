import { describe, expect, it } from "vitest";
import { DEFAULT_GROUPS, GROUP_PALETTE, groupColour } from "./groups";

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

describe("groups", () => {
  it("starts with government, private sector and civil society", () => {
    expect(DEFAULT_GROUPS.map((g) => g.key)).toEqual(["government", "private_sector", "civil_society"]);
  });

  it("gives consecutive groups distinct colours and wraps around the palette", () => {
    expect(new Set(GROUP_PALETTE.map((_, i) => groupColour(i))).size).toBe(GROUP_PALETTE.length);
    expect(groupColour(GROUP_PALETTE.length)).toBe(groupColour(0));
    expect(groupColour(-1)).toBe(GROUP_PALETTE[GROUP_PALETTE.length - 1]);
  });

  it("keeps white badge text readable on every colour (contrast ≥ 4.5)", () => {
    for (const colour of GROUP_PALETTE) {
      expect(1.05 / (luminance(colour) + 0.05)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
