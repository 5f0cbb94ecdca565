import { inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { crc32, docx, zip } from "./docx";

/** Reads entries back from our ZIP (local headers only). */
function unzip(buffer: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let offset = 0;
  while (buffer.readUInt32LE(offset) === 0x04034b50) {
    const size = buffer.readUInt32LE(offset + 18);
    const nameLength = buffer.readUInt16LE(offset + 26);
    const name = buffer.subarray(offset + 30, offset + 30 + nameLength).toString();
    const data = buffer.subarray(offset + 30 + nameLength, offset + 30 + nameLength + size);
    out.set(name, inflateRawSync(data).toString());
    offset += 30 + nameLength + size;
  }
  return out;
}

describe("docx", () => {
  it("computes the standard CRC-32", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
  });

  it("writes a ZIP whose entries read back", () => {
    const entries = unzip(zip([{ name: "a.txt", data: "hello" }, { name: "b/c.xml", data: "<x/>" }]));
    expect(Object.fromEntries(entries)).toEqual({ "a.txt": "hello", "b/c.xml": "<x/>" });
  });

  it("packages an Office document with escaped text", () => {
    const entries = unzip(docx([{ text: "Strategy", style: "Title" }, { text: "Tech & <envoy>", bold: "1.1" }]));
    expect([...entries.keys()]).toEqual(["[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/styles.xml", "word/document.xml"]);
    expect(entries.get("word/document.xml")).toContain("Tech &amp; &lt;envoy&gt;");
    expect(entries.get("word/document.xml")).toContain('<w:pStyle w:val="Title"/>');
  });
});
