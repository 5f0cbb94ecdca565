import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MalformedUpdateError, readUpdateShape } from "./update-shape";

let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = (n: number) => Math.floor(random() * n);

/** Updates of every content kind the editor and Yjs' shared types make, as a room receives them. */
function editingUpdates(count: number): { base: Uint8Array; updates: Uint8Array[]; before: Uint8Array[] } {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment("default");
  const paragraph = new Y.XmlElement("paragraph");
  paragraph.insert(0, [new Y.XmlText("Digital public infrastructure")]);
  fragment.insert(0, [paragraph]);
  doc.getMap("meta").set("title", "Strategy");
  const base = Y.encodeStateAsUpdate(doc);
  const updates: Uint8Array[] = [];
  // The document each update was made on, to apply a damaged copy of it to (a transaction
  // that changes nothing makes no update, so the state is kept only when one comes).
  const before: Uint8Array[] = [];
  let state = base;
  doc.on("beforeTransaction", () => (state = Y.encodeStateAsUpdate(doc)));
  doc.on("update", (u: Uint8Array) => {
    updates.push(u);
    before.push(state);
  });
  for (let i = 0; i < count; i++) {
    const blocks = fragment.toArray() as Y.XmlElement[];
    const block = blocks[pick(blocks.length)];
    const text = block.get(0) as Y.XmlText;
    switch (pick(9)) {
      case 0:
        text.insert(pick(text.length + 1), ["x", "é", "数据", "🌍", " and "][pick(5)]);
        break;
      case 1:
        if (text.length > 2) text.delete(pick(text.length - 1), 1 + pick(2));
        break;
      case 2:
        if (text.length > 3) text.format(pick(text.length - 2), 2, { bold: random() < 0.5 ? true : null });
        break;
      case 3: {
        const next = new Y.XmlElement(random() < 0.5 ? "paragraph" : "heading");
        next.setAttribute("level", String(1 + pick(3)));
        next.insert(0, [new Y.XmlText("clause " + i)]);
        fragment.insert(pick(blocks.length + 1), [next]);
        break;
      }
      case 4:
        if (blocks.length > 1) fragment.delete(pick(blocks.length), 1);
        break;
      case 5:
        doc.getMap("meta").set("k" + pick(4), random() < 0.5 ? { n: i, list: [1, "two", null] } : new Uint8Array([i % 256]));
        break;
      case 6:
        doc.getArray("log").insert(0, [i, "entry", { at: i }]);
        break;
      case 7:
        text.insertEmbed(pick(text.length + 1), { footnote: i });
        break;
      default:
        block.setAttribute("id", "c" + i);
    }
  }
  return { base, updates, before };
}

const { base, updates, before } = editingUpdates(300);
// A few merged ones too, as a crowded room stores them.
const samples = [...updates, Y.mergeUpdates(updates.slice(0, 50)), Y.mergeUpdates(updates), Y.encodeStateAsUpdate(new Y.Doc())];

describe("readUpdateShape", () => {
  it("reads what each client's structs reach and what the update deletes, as Yjs does", () => {
    for (const update of samples) {
      const shape = readUpdateShape(update);
      expect(shape.ends).toEqual(Y.parseUpdateMeta(update).to);
      const expected: Array<[number, number, number]> = [];
      for (const [client, ranges] of Y.decodeUpdate(update).ds.clients) for (const r of ranges) expected.push([client, r.clock, r.len]);
      expect(shape.deletes).toEqual(expected);
    }
    expect(samples.some((u) => readUpdateShape(u).deletes.length > 0)).toBe(true);
  });

  it("refuses every update cut short, including one cut inside its delete set (which Y.parseUpdateMeta passed)", () => {
    let cutInDeletes = 0;
    for (const update of samples.slice(0, 60).concat(samples.slice(-3))) {
      for (let end = 0; end < update.length; end++) {
        const cut = update.subarray(0, end);
        expect(() => readUpdateShape(cut)).toThrow(MalformedUpdateError);
        let passedYjs = true;
        try {
          Y.parseUpdateMeta(cut);
        } catch {
          passedYjs = false;
        }
        if (passedYjs) cutInDeletes += 1;
      }
    }
    expect(cutInDeletes).toBeGreaterThan(0);
  });

  it("accepts nothing that Yjs then fails to apply (3,000 damaged updates)", () => {
    let refused = 0;
    let accepted = 0;
    for (let i = 0; i < 3000; i++) {
      const at = pick(samples.length);
      const original = samples[at];
      const bytes = Array.from(original);
      for (let n = 1 + pick(3); n > 0; n--) {
        const at = pick(bytes.length);
        const op = pick(3);
        if (op === 0) bytes[at] = pick(256);
        else if (op === 1) bytes.splice(at, 0, pick(256));
        else bytes.splice(at, 1);
      }
      const damaged = new Uint8Array(bytes);
      let ok = true;
      try {
        readUpdateShape(damaged);
      } catch (error) {
        expect(error).toBeInstanceOf(MalformedUpdateError);
        ok = false;
      }
      if (!ok) {
        refused += 1;
        continue;
      }
      accepted += 1;
      const doc = new Y.Doc();
      Y.applyUpdate(doc, at < updates.length ? before[at] : base);
      expect(() => Y.applyUpdate(doc, damaged)).not.toThrow();
    }
    // Both outcomes occur, so the property is exercised both ways.
    expect(refused).toBeGreaterThan(200);
    expect(accepted).toBeGreaterThan(200);
  });

  it("refuses unknown content kinds, unknown types, subdocuments, self-references, empty structs and huge clocks", () => {
    const update = (write: (e: encoding.Encoder) => void) => {
      const e = encoding.createEncoder();
      write(e);
      return encoding.toUint8Array(e);
    };
    // one client, one struct, client 5 from clock 0; an item whose parent is the root type "t"
    const item = (info: number, content: (e: encoding.Encoder) => void) =>
      update((e) => {
        [1, 1, 5, 0].forEach((v) => encoding.writeVarUint(e, v));
        encoding.writeUint8(e, info);
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, "t");
        content(e);
        encoding.writeVarUint(e, 0);
      });
    expect(readUpdateShape(item(4, (e) => encoding.writeVarString(e, "ok"))).ends).toEqual(new Map([[5, 2]]));
    expect(readUpdateShape(update((e) => [1, 0, 5, 0, 0].forEach((v) => encoding.writeVarUint(e, v)))).ends).toEqual(new Map());
    expect(() => readUpdateShape(item(12, () => {}))).toThrow(/unknown content/);
    expect(() => readUpdateShape(item(7, (e) => encoding.writeVarUint(e, 99)))).toThrow(/unknown type/);
    expect(() => readUpdateShape(item(9, (e) => encoding.writeVarString(e, "guid")))).toThrow(/subdocuments/);
    expect(() => readUpdateShape(item(5, (e) => encoding.writeVarString(e, "{not json")))).toThrow(MalformedUpdateError);

    /** Client 5's first struct at `clock`: one character whose origin (0x80), right origin (0x40) or parent is `ref`. */
    const referring = (clock: number, flag: 0x80 | 0x40 | 0, ref: [number, number]) =>
      update((e) => {
        [1, 1, 5, clock].forEach((v) => encoding.writeVarUint(e, v));
        encoding.writeUint8(e, 4 | flag);
        if (flag === 0) encoding.writeVarUint(e, 0); // parent given as an item id
        encoding.writeVarUint(e, ref[0]);
        encoding.writeVarUint(e, ref[1]);
        encoding.writeVarString(e, "x");
        encoding.writeVarUint(e, 0);
      });
    for (const flag of [0x80, 0x40, 0] as const) {
      expect(() => readUpdateShape(referring(3, flag, [5, 3]))).toThrow(/refers to itself or to a later item/);
      expect(() => readUpdateShape(referring(3, flag, [5, 9]))).toThrow(/refers to itself or to a later item/);
      expect(readUpdateShape(referring(3, flag, [5, 2])).ends).toEqual(new Map([[5, 4]])); // an earlier item of its own
      expect(readUpdateShape(referring(3, flag, [6, 9])).ends).toEqual(new Map([[5, 4]])); // another client's: Yjs waits for it
    }
    const struct = (info: number, len: number) =>
      update((e) => {
        [1, 1, 5, 0, info, len, 0].forEach((v) => encoding.writeVarUint(e, v));
      });
    expect(() => readUpdateShape(struct(0, 0))).toThrow(/empty/); // GC
    expect(() => readUpdateShape(struct(10, 0))).toThrow(/empty/); // Skip
    expect(() => readUpdateShape(item(4, (e) => encoding.writeVarString(e, "")))).toThrow(/empty/);
    const deletion = (clock: number, len: number) => update((e) => [0, 1, 5, 1, clock, len].forEach((v) => encoding.writeVarUint(e, v)));
    expect(readUpdateShape(deletion(0, 3)).deletes).toEqual([[5, 0, 3]]);
    expect(() => readUpdateShape(deletion(0, 0))).toThrow(/empty/);
    // Past 2^53 two structs share a clock: applied without error, then no one could delete them.
    expect(() => readUpdateShape(struct(0, 2 ** 54))).toThrow(/out of range/);
    expect(() => readUpdateShape(deletion(2 ** 54, 1))).toThrow(/out of range/);
    expect(() => readUpdateShape(referring(3, 0x80, [6, 2 ** 54]))).toThrow(/out of range/);
  });
});
