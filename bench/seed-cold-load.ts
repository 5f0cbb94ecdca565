// Replaces the demo process's draft with a large, co-typed one and adds 5,000 comments.
// Runs as a child process with the react-server condition (the draft service is
// server-only): node --conditions=react-server --import tsx bench/seed-cold-load.ts <db file>
import * as Y from "yjs";
import { yDocToDocJson } from "../lib/collab/doc-json";
import { DOC_FIELD } from "../lib/collab/extensions";
import { createDb } from "../lib/db/client";
import { createDraft } from "../lib/server/draft/create-draft";
import { typedDraft } from "./large-draft";
import { clauseTexts } from "./protocol-client";

const THREADS = 1250;
const COMMENTS_PER_THREAD = 4;

async function main(file: string): Promise<void> {
  const db = createDb(`file:${file}`);
  try {
    const { doc, words } = typedDraft();
    const state = Y.encodeStateAsUpdate(doc);
    const json = yDocToDocJson(doc);
    const target = await db.process.findFirstOrThrow();
    const clauses = await db.$transaction(
      async (tx) => {
        const where = { processId: target.id };
        await tx.docUpdate.deleteMany({ where });
        await tx.docSnapshot.deleteMany({ where });
        await tx.clause.deleteMany({ where });
        await tx.draft.deleteMany({ where });
        return createDraft(tx, target.id, json, state);
      },
      { timeout: 60_000 },
    );
    const members = await db.membership.findMany({ where: { processId: target.id }, include: { user: true, group: true } });
    const clauseRows = await db.clause.findMany({ where: { processId: target.id, kind: "clause" }, orderBy: { position: "asc" } });
    const paragraphTexts = clauseTexts(doc).filter((t) => t.parent instanceof Y.XmlElement && t.parent.nodeName === "paragraph");
    const rel = (t: Y.XmlText, i: number) => JSON.stringify(Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(t, i)));
    let comments = 0;
    for (let i = 0; i < THREADS; i++) {
      const text = paragraphTexts[i % paragraphTexts.length];
      const clause = clauseRows[i % clauseRows.length];
      const start = (i * 7) % (text.length - 20);
      const thread = await db.commentThread.create({
        data: {
          processId: target.id,
          clauseId: clause.clauseId,
          anchorStart: rel(text, start),
          anchorEnd: rel(text, start + 12),
          quote: text.toString().slice(start, start + 12),
          createdById: members[i % members.length].userId,
          status: i % 5 === 0 ? "resolved" : "open",
        },
      });
      await db.comment.createMany({
        data: Array.from({ length: COMMENTS_PER_THREAD }, (_, j) => {
          const m = members[(i + j) % members.length];
          return {
            threadId: thread.id,
            processId: target.id,
            authorId: m.userId,
            authorName: m.user.name,
            authorOrganisation: m.organisation,
            groupId: m.groupId,
            groupKey: m.group.key,
            groupName: m.group.name,
            groupColour: m.group.colour,
            body: `Comment ${i}.${j}: we suggest tightening this wording; see https://example.org/notes/${i}/${j} for the reasoning.`,
          };
        }),
      });
      comments += COMMENTS_PER_THREAD;
    }
    const textBytes = Buffer.byteLength(doc.getXmlFragment(DOC_FIELD).toString());
    console.log(`SEED ${JSON.stringify({ processId: target.id, clauses, words, comments, threads: THREADS, stateBytes: state.byteLength, textBytes })}`);
  } finally {
    await db.$disconnect();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
