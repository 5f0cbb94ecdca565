import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { clauseTextHash } from "./clause-hash";

describe("clauseTextHash", () => {
  it("is the SHA-256 of the normalised text", () => {
    expect(clauseTextHash("Appoint a tech envoy.")).toBe(
      createHash("sha256").update("Appoint a tech envoy.").digest("hex"),
    );
  });

  it("ignores whitespace layout and Unicode composition", () => {
    expect(clauseTextHash("  Tech\n attachés  ")).toBe(clauseTextHash("Tech attache\u0301s"));
  });

  it("changes when a word changes", () => {
    expect(clauseTextHash("shall appoint")).not.toBe(clauseTextHash("may appoint"));
  });
});
