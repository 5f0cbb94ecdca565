import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./safe-callback";

describe("safeCallbackUrl", () => {
  it.each([
    [null, "/"],
    ["", "/"],
    ["/processes/abc", "/processes/abc"],
    ["/invite/tok?x=1#y", "/invite/tok?x=1#y"],
    ["https://evil.example/phish", "/"],
    ["//evil.example/x", "/"],
    ["javascript:alert(1)", "/"],
    ["/\\evil.example", "/"],
  ])("%s → %s", (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });
});
