import { describe, expect, it } from "vitest";
import { differences, makeBundle, recordHash, verifyBundle } from "./signed-record";

const record = { process: { id: "p1", title: "Strategy" }, text: [{ number: "1.1", text: "Appoint an envoy." }, { number: "1.2", text: "Open standards." }] };

describe("signed record", () => {
  it("accepts an untouched bundle, with or without the stored record", () => {
    const bundle = makeBundle(record);
    expect(verifyBundle(JSON.stringify(bundle))).toEqual({ valid: true, sha256: recordHash(record) });
    expect(verifyBundle(JSON.stringify(bundle, null, 2), bundle)).toEqual({ valid: true, sha256: bundle.sha256 });
  });

  it("refuses a bundle with one changed byte and says where", () => {
    const bundle = makeBundle(record);
    const text = JSON.stringify(bundle).replace("Appoint an envoy.", "Appoint an envoz.");
    const result = verifyBundle(text, bundle);
    expect(result.valid).toBe(false);
    expect(result.valid ? [] : result.problems).toEqual([
      expect.stringContaining("was changed after signing"),
      "record.text[0].text differs from the signed record",
    ]);
  });

  it("refuses a re-hashed forgery when the signed record is known", () => {
    const forged = makeBundle({ ...record, text: [record.text[0]] });
    const result = verifyBundle(JSON.stringify(forged), makeBundle(record));
    expect(result.valid).toBe(false);
  });

  it("explains unreadable input", () => {
    expect(verifyBundle("{oops")).toMatchObject({ valid: false });
    expect(verifyBundle(JSON.stringify({ hello: 1 }))).toMatchObject({ valid: false, problems: [expect.stringContaining("not an Accord signed record")] });
  });

  it("lists differing paths", () => {
    expect(differences({ a: 1, b: [1, 2] }, { a: 2, b: [1], c: 3 })).toEqual(["record.a", "record.b (length 2, signed 1)", "record.c (missing)"]);
  });
});
