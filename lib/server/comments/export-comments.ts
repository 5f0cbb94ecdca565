import "server-only";
import { z } from "zod";
import { toCsv } from "@/lib/domain/csv";
import { fileSlug } from "@/lib/domain/file-name";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { idSchema, parseInput } from "../validation";
import { authorizeComment, loadCommentActor, threadInclude } from "./load";

export const exportSchema = z.object({ processId: idSchema, format: z.enum(["csv", "json"]) });

export interface CommentExport {
  filename: string;
  contentType: string;
  body: string;
}

/**
 * The synthesis after a round: every comment with its clause number, quoted text,
 * thread, author, organisation, group, times and status, in document order.
 * Hidden comments keep their text only in the convenor's export.
 */
export async function exportComments(actor: Actor, input: unknown): Promise<CommentExport> {
  const { processId, format } = parseInput(exportSchema, input);
  const who = await loadCommentActor(db, actor, processId);
  authorizeComment("comments.export", who);
  const convenor = who.role === "convenor";
  const [process, clauses, threads] = await Promise.all([
    db.process.findUniqueOrThrow({ where: { id: processId }, select: { title: true } }),
    db.clause.findMany({ where: { processId }, select: { clauseId: true, number: true, position: true } }),
    db.commentThread.findMany({ where: { processId }, include: threadInclude, orderBy: { createdAt: "asc" } }),
  ]);
  const clauseOf = new Map(clauses.map((c) => [c.clauseId, c]));
  const ordered = [...threads].sort(
    (a, b) => (clauseOf.get(a.clauseId)?.position ?? Infinity) - (clauseOf.get(b.clauseId)?.position ?? Infinity) || a.createdAt.getTime() - b.createdAt.getTime(),
  );
  const rows = ordered.flatMap((t) =>
    t.comments.map((c) => ({
      clause: clauseOf.get(t.clauseId)?.number ?? "",
      quote: t.quote,
      threadId: t.id,
      threadStatus: t.status,
      commentId: c.id,
      author: c.authorName,
      organisation: c.authorOrganisation,
      group: c.groupName,
      createdAt: c.createdAt.toISOString(),
      editedAt: c.editedAt?.toISOString() ?? "",
      status: c.deletedAt ? "deleted" : c.hiddenAt ? "hidden" : "visible",
      hiddenReason: c.hiddenAt ? (c.hiddenReason ?? "") : "",
      text: c.deletedAt || (c.hiddenAt && !convenor) ? "" : c.body,
    })),
  );
  const stamp = new Date().toISOString().slice(0, 10);
  const slug = fileSlug(process.title, "process");
  if (format === "json") {
    return {
      filename: `${slug}-comments-${stamp}.json`,
      contentType: "application/json; charset=utf-8",
      body: JSON.stringify({ process: { id: processId, title: process.title }, exportedAt: new Date().toISOString(), comments: rows }, null, 2),
    };
  }
  const header = ["clause", "quoted text", "thread", "thread status", "comment", "author", "organisation", "group", "created", "edited", "status", "hidden reason", "text"];
  const body = toCsv(header, rows.map((r) => [r.clause, r.quote, r.threadId, r.threadStatus, r.commentId, r.author, r.organisation, r.group, r.createdAt, r.editedAt, r.status, r.hiddenReason, r.text]));
  // A byte-order mark so spreadsheet programs read non-Latin text correctly.
  return { filename: `${slug}-comments-${stamp}.csv`, contentType: "text/csv; charset=utf-8", body: `\uFEFF${body}` };
}
