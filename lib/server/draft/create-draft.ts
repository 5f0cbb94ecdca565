import "server-only";
import { clauseTextHash } from "@/lib/domain/clause-hash";
import { docJsonToYUpdate } from "@/lib/collab/doc-json";
import { deriveClauses, ensureClauseIds } from "@/lib/domain/clauses";
import type { DocNode } from "@/lib/domain/draft-doc";
import { newClauseId } from "@/lib/collab/ids";
import type { Tx } from "../db";

export const EMPTY_DOC: DocNode = { type: "doc", content: [] };

/**
 * Creates a new process's draft: the JSON (server rendering), the clause table
 * (numbers, text, and the hash positions are bound to) and — once, here at
 * creation — the Yjs document the collaboration server takes over from.
 * `state` is for a document that already has an editing history (benchmarks,
 * imports): it must hold exactly `doc`, clause ids included.
 */
export async function createDraft(tx: Tx, processId: string, doc: DocNode, state?: Uint8Array): Promise<number> {
  const withIds = ensureClauseIds(doc, newClauseId);
  const clauses = deriveClauses(withIds);
  const content = JSON.stringify(withIds);
  await tx.draft.create({ data: { processId, content } });
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
  await tx.docSnapshot.create({ data: { processId, state: new Uint8Array(state ?? docJsonToYUpdate(withIds)), upToSeq: 0 } });
  return clauses.filter((c) => c.kind === "clause").length;
}
