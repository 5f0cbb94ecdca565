import "server-only";
import * as Y from "yjs";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { readDocState } from "@/lib/db/doc-state";
import type { Db, Tx } from "../db";

const id = z.object({ client: z.number().int().nonnegative(), clock: z.number().int().nonnegative() });
// Y.relativePositionToJSON: an item id (or a type id / root type name) and an association.
const relativePositionSchema = z
  .object({
    type: id.nullable().optional(),
    tname: z.string().max(100).nullable().optional(),
    item: id.nullable().optional(),
    assoc: z.number().int().min(-1).max(1).optional(),
  })
  .strict();

export const anchorSchema = z
  .string()
  .max(500)
  .transform((text, ctx) => {
    try {
      const parsed = relativePositionSchema.safeParse(JSON.parse(text));
      if (parsed.success) return JSON.stringify(parsed.data);
    } catch {
      // fall through
    }
    ctx.addIssue({ code: "custom", message: "not a Yjs relative position" });
    return z.NEVER;
  });

async function storedDoc(client: Db | Tx, processId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const stored = await readDocState(client, processId);
  doc.transact(() => stored?.updates.forEach((u) => Y.applyUpdate(doc, u)));
  return doc;
}

/**
 * Checks that both ends of an anchor point into the stored document (and are in
 * order when they share a text). A client can only anchor to text the server has.
 */
export async function assertAnchorInDocument(client: Db | Tx, processId: string, start: string, end: string): Promise<void> {
  const doc = await storedDoc(client, processId);
  let ok = false;
  try {
    const a = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(JSON.parse(start)), doc);
    const b = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(JSON.parse(end)), doc);
    ok = !!a && !!b && !(a.type === b.type && a.index >= b.index);
  } catch {
    ok = false;
  } finally {
    doc.destroy();
  }
  if (!ok) throw new AppError("invalid_input", "The selected text is not in the current draft.", { field: "anchor" });
}
