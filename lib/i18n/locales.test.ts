import { describe, expect, it } from "vitest";
import { directionOf, isLocale, negotiateLocale } from "./locales";

describe("negotiateLocale", () => {
  it.each([
    [undefined, "en"],
    ["", "en"],
    ["fr-FR,fr;q=0.9,en;q=0.8", "fr"],
    ["de-DE,de;q=0.9,ar;q=0.5,fr;q=0.4", "ar"],
    ["sw, en;q=0.1", "en"],
    ["en;q=0.2, fr;q=0.8", "fr"],
    ["fr;q=0, ar", "ar"],
    ["zh-CN", "en"],
  ])("%s → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe("locale helpers", () => {
  it("knows Arabic is right-to-left", () => {
    expect(directionOf("ar")).toBe("rtl");
    expect(directionOf("en")).toBe("ltr");
    expect(directionOf("fr")).toBe("ltr");
  });

  it("accepts only supported locales", () => {
    expect(isLocale("fr")).toBe(true);
    expect(isLocale("de")).toBe(false);
    expect(isLocale(null)).toBe(false);
  });
});
