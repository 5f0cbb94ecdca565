import { describe, expect, it } from "vitest";
import { fileSlug } from "./file-name";

describe("fileSlug", () => {
  it("keeps letters and digits, joins the rest with single dashes, and caps the length", () => {
    expect(fileSlug("National Strategy for Tech Diplomacy (2027)!", "x")).toBe("national-strategy-for-tech-diplomacy-202");
    expect(fileSlug("  Draft — v2  ", "x")).toBe("draft-v2");
  });

  it("falls back when nothing usable is left", () => {
    expect(fileSlug("Стратегия", "record")).toBe("record");
  });
});
