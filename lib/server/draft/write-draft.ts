import "server-only";
import { randomBytes } from "node:crypto";
import { clauseTextHash } from "@/lib/domain/clause-hash";
import { deriveClauses, ensureClauseIds } from "@/lib/domain/clauses";
import type { DocNode } from "@/lib/domain/draft-doc";
import type { Tx } from "../db";

export function newClauseId(): string {
  return `c${randomBytes(6).toString("base64url")}`;
}

export const EMPTY_DOC: DocNode = { type: "doc", content: [] };

/**
 * Stores the draft document and re-derives the clause table from it (numbers,
 * text and the text hash positions are bound to).
 */
export async function writeDraft(tx: Tx, processId: string, doc: DocNode): Promise<number> {
  const withIds = ensureClauseIds(doc, newClauseId);
  const clauses = deriveClauses(withIds);
  const content = JSON.stringify(withIds);
  await tx.draft.upsert({ where: { processId }, create: { processId, content }, update: { content } });
  await tx.clause.deleteMany({ where: { processId } });
  if (clauses.length) {
    await tx.clause.createMany({
      data: clauses.map((c) => ({
        processId,
        clauseId: c.clauseId,
        kind: c.kind,
        number: c.number,
        position: c.position,
        text: c.text,
        textHash: clauseTextHash(c.text),
      })),
    });
  }
  return clauses.filter((c) => c.kind === "clause").length;
}
