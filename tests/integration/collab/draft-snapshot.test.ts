import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { brotliDecompressSync } from "node:zlib";
import * as Y from "yjs";
import { DOC_FIELD } from "@/lib/collab/doc-json-field";
import { getDraftSnapshot } from "@/lib/server/collab/get-draft-snapshot";
import { makeUser } from "../helpers";
import { connect, demoWorld, paragraphText, plainText, startCollab, storedDoc, synced, tokenFor, until, type DemoWorld, type Running } from "./harness";

let server: Running;
let world: DemoWorld;

beforeAll(async () => {
  server = await startCollab();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(async () => {
  world = await demoWorld();
});

function docFrom(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdateV2(doc, update);
  return doc;
}

describe("draft snapshot (first visit over HTTP)", () => {
  it("gives any member, observers included, the stored draft as one Yjs v2 update", async () => {
    const snapshot = docFrom((await getDraftSnapshot(world.observer, world.processId)).update);
    expect(snapshot.getXmlFragment(DOC_FIELD).toString()).toContain("This strategy sets out how our country");
    expect(plainText(snapshot)).toBe(plainText(await storedDoc(world.processId)));
  });

  it("follows edits once they are stored, and a client that starts from it syncs without duplicating text", async () => {
    const before = (await getDraftSnapshot(world.editorGov, world.processId)).update;
    const writer = connect(server.url, world.processId, await tokenFor(world.editorGov, world.processId));
    await synced(writer);
    paragraphText(writer, 0).insert(0, "[stored] ");
    await until(async () => plainText(await storedDoc(world.processId)).includes("[stored] "), "the edit is stored");
    const after = (await getDraftSnapshot(world.editorGov, world.processId)).update;
    expect(plainText(docFrom(before))).not.toContain("[stored] ");
    expect(plainText(docFrom(after))).toContain("[stored] This strategy");

    // A reader that applied the older snapshot catches up through its socket.
    const reader = connect(server.url, world.processId, await tokenFor(world.editorIndustry, world.processId), { connect: false });
    Y.applyUpdateV2(reader.doc, before, reader.provider);
    reader.provider.connect();
    await synced(reader);
    await until(() => plainText(reader) === plainText(writer), "the reader catches up");
    expect(plainText(reader).split("This strategy sets out how our country").length).toBe(2);
    writer.destroy();
    reader.destroy();
  });

  it("offers the same update compressed at brotli's highest quality once that is done, and a new one after an edit", async () => {
    const compressedCopy = async (): Promise<Uint8Array> => {
      const seen: { copy: Uint8Array | null } = { copy: null };
      await until(async () => (seen.copy = (await getDraftSnapshot(world.observer, world.processId)).brotli) !== null, "the compressed copy is ready");
      return seen.copy!;
    };
    const first = await getDraftSnapshot(world.observer, world.processId);
    expect(Buffer.from(brotliDecompressSync(await compressedCopy())).equals(Buffer.from(first.update))).toBe(true);

    const writer = connect(server.url, world.processId, await tokenFor(world.editorGov, world.processId));
    await synced(writer);
    paragraphText(writer, 0).insert(0, "[later] ");
    await until(async () => plainText(await storedDoc(world.processId)).includes("[later] "), "the edit is stored");
    // The first reader of the new state gets it uncompressed (the server compresses it on
    // the fly): the copy of the older state is never sent for it.
    const changed = await getDraftSnapshot(world.observer, world.processId);
    expect(changed.brotli).toBeNull();
    expect(plainText(docFrom(changed.update))).toContain("[later] ");
    expect(plainText(docFrom(brotliDecompressSync(await compressedCopy())))).toContain("[later] ");
    writer.destroy();
  });

  it("refuses people who are not members, and malformed ids, without revealing the draft", async () => {
    const outsider = await makeUser("Outsider");
    await expect(getDraftSnapshot(outsider, world.processId)).rejects.toMatchObject({ code: expect.stringMatching(/^(forbidden|not_found)$/) });
    await expect(getDraftSnapshot(world.editorGov, "../../etc")).rejects.toMatchObject({ code: "invalid_input" });
  });
});
