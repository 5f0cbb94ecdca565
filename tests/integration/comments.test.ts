import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MESSAGE_EVENT } from "@/lib/collab/protocol";
import { COMMENT_MAX_CHARS } from "@/lib/domain/comment-rules";
import { deleteComment, editComment, hideComment } from "@/lib/server/comments/change-comment";
import { createThread } from "@/lib/server/comments/create-thread";
import { exportComments } from "@/lib/server/comments/export-comments";
import { listThreads } from "@/lib/server/comments/list-threads";
import { replyToThread } from "@/lib/server/comments/reply-to-thread";
import { setThreadStatus } from "@/lib/server/comments/set-thread-status";
import { db } from "@/lib/server/db";
import { connect, demoWorld, paragraphText, startCollab, synced, tokenFor, until, type Client, type DemoWorld, type Running } from "./collab/harness";

let server: Running;
let world: DemoWorld;
const clients: Client[] = [];

beforeAll(async () => {
  server = await startCollab();
});
afterAll(async () => {
  await server.stop();
});
beforeEach(async () => {
  world = await demoWorld();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});

function* texts(node: Y.XmlFragment | Y.XmlElement): Generator<Y.XmlText> {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) yield child;
    else if (child instanceof Y.XmlElement) yield* texts(child);
  }
}

/** Relative positions around `word` (found anywhere in the draft), as the editor would send them. */
function anchorOn(doc: Y.Doc, word: string) {
  const text = [...texts(doc.getXmlFragment("default"))].find((t) => t.toString().includes(word));
  if (!text) throw new Error(`"${word}" not found`);
  const index = text.toString().indexOf(word);
  const json = (i: number, assoc: number) => JSON.stringify(Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, i, assoc)));
  return { anchorStart: json(index, 0), anchorEnd: json(index + word.length, -1), quote: word };
}

async function clauseId(number: string): Promise<string> {
  return (await db.clause.findFirstOrThrow({ where: { processId: world.processId, number } })).clauseId;
}

async function openDoc(): Promise<Client> {
  const client = connect(server.url, world.processId, await tokenFor(world.editorGov, world.processId));
  clients.push(client);
  await synced(client);
  return client;
}

async function counts() {
  return { threads: await db.commentThread.count(), comments: await db.comment.count(), revisions: await db.commentRevision.count() };
}

describe("comments", () => {
  it("stores the member's own group, name and organisation; a request claiming another is refused", async () => {
    const doc = (await openDoc()).doc;
    const base = { processId: world.processId, clauseId: await clauseId("1.2"), ...anchorOn(doc, "human rights online"), body: "Civil society welcomes this." };
    const government = await db.stakeholderGroup.findFirstOrThrow({ where: { processId: world.processId, key: "government" } });
    for (const claim of [{ groupId: government.id }, { groupName: "Government" }, { authorName: "The Minister", authorOrganisation: "Ministry" }]) {
      await expect(createThread(world.commenter, { ...base, ...claim })).rejects.toMatchObject({ code: "invalid_input" });
    }
    expect(await db.comment.count()).toBe(0);
    const thread = await createThread(world.commenter, base);
    await expect(replyToThread(world.commenter, { processId: world.processId, threadId: thread.id, body: "x", groupId: government.id })).rejects.toMatchObject({
      code: "invalid_input",
    });
    const [comment] = thread.comments;
    expect(comment).toMatchObject({ authorName: "Priya Natarajan", authorOrganisation: "Digital Rights Collective", group: { key: "civil_society" } });
    const stored = await db.comment.findFirstOrThrow();
    expect(stored.groupName).toBe("Civil society");
    // A later change of group does not rewrite what was said for which group.
    await db.membership.updateMany({ where: { userId: world.commenter.id }, data: { groupId: government.id } });
    const [again] = await listThreads(world.convenor, world.processId);
    expect(again.comments[0].group.key).toBe("civil_society");
  });

  it("refuses an observer's comment and stores nothing", async () => {
    const doc = (await openDoc()).doc;
    const before = await counts();
    await expect(
      createThread(world.observer, { processId: world.processId, clauseId: await clauseId("1.1"), ...anchorOn(doc, "foreign policy"), body: "I should not be able to say this." }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await counts()).toEqual(before);
  });

  it("refuses bad input with clear codes and stores nothing", async () => {
    const doc = (await openDoc()).doc;
    const good = { processId: world.processId, clauseId: await clauseId("1.1"), ...anchorOn(doc, "foreign policy"), body: "Fine." };
    const before = await counts();
    const forged = JSON.stringify({ item: { client: 123456, clock: 999999 }, assoc: 0 });
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...good, clauseId: "no-such-clause" }, "invalid_input"],
      [{ ...good, anchorStart: forged }, "invalid_input"],
      [{ ...good, anchorStart: "not json" }, "invalid_input"],
      [{ ...good, anchorStart: "{}", anchorEnd: "{}" }, "invalid_input"],
      [{ ...good, anchorStart: JSON.stringify({ item: { client: 1, clock: 1 }, evil: true }) }, "invalid_input"],
      [{ ...good, body: "   " }, "invalid_input"],
      [{ ...good, body: "x".repeat(COMMENT_MAX_CHARS + 1) }, "invalid_input"],
      [{ ...good, quote: "" }, "invalid_input"],
      [{ ...good, processId: "../../etc" }, "invalid_input"],
    ];
    for (const [input, code] of cases) await expect(createThread(world.editorGov, input)).rejects.toMatchObject({ code });
    expect(await counts()).toEqual(before);
    const outsider = { ...world.editorGov, id: "someone-else" };
    await expect(createThread(outsider, good)).rejects.toMatchObject({ code: "not_found" });
  });

  it("lets authors edit and delete only their own comments, keeping the history for the convenor", async () => {
    const doc = (await openDoc()).doc;
    const thread = await createThread(world.commenter, { processId: world.processId, clauseId: await clauseId("2.1"), ...anchorOn(doc, "Ambassador"), body: "First wording." });
    const commentId = thread.comments[0].id;
    await expect(editComment(world.editorGov, { processId: world.processId, commentId, body: "Hijacked" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(deleteComment(world.convenor, { processId: world.processId, commentId })).rejects.toMatchObject({ code: "forbidden" });
    await editComment(world.commenter, { processId: world.processId, commentId, body: "Second wording." });
    const afterEdit = (await listThreads(world.editorGov, world.processId))[0].comments[0];
    expect(afterEdit).toMatchObject({ body: "Second wording.", editedAt: expect.any(String) });
    expect(afterEdit.history).toBeUndefined();
    await deleteComment(world.commenter, { processId: world.processId, commentId });
    const asMember = (await listThreads(world.editorGov, world.processId))[0].comments[0];
    expect(asMember).toMatchObject({ body: null, deletedAt: expect.any(String) });
    const asConvenor = (await listThreads(world.convenor, world.processId))[0].comments[0];
    expect(asConvenor.history?.map((h) => h.body)).toEqual(["First wording.", "Second wording."]);
  });

  it("lets editors, the convenor and the thread's author resolve and reopen — not other commenters", async () => {
    const doc = (await openDoc()).doc;
    const thread = await createThread(world.commenter, { processId: world.processId, clauseId: await clauseId("3.1"), ...anchorOn(doc, "digital identity"), body: "Question." });
    const base = { processId: world.processId, threadId: thread.id };
    const industryCommenter = { ...(await db.user.findUniqueOrThrow({ where: { email: "commenter.industry@example.org" } })), isAdmin: false };
    await expect(setThreadStatus(industryCommenter, { ...base, status: "resolved" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(setThreadStatus(world.observer, { ...base, status: "resolved" })).rejects.toMatchObject({ code: "forbidden" });
    expect((await setThreadStatus(world.commenter, { ...base, status: "resolved" })).status).toBe("resolved");
    expect((await setThreadStatus(world.editorGov, { ...base, status: "open" })).status).toBe("open");
    expect((await setThreadStatus(world.convenor, { ...base, status: "resolved" })).status).toBe("resolved");
    await replyToThread(world.editorIndustry, { ...base, body: "Answer." });
    expect((await listThreads(world.observer, world.processId))[0].comments).toHaveLength(2);
  });

  it("lets the convenor hide a comment with a reason, recorded in the audit log", async () => {
    const doc = (await openDoc()).doc;
    const thread = await createThread(world.editorIndustry, { processId: world.processId, clauseId: await clauseId("5.1"), ...anchorOn(doc, "Submarine cables"), body: "Off-topic advert." });
    const commentId = thread.comments[0].id;
    await expect(hideComment(world.editorGov, { processId: world.processId, commentId, reason: "spam" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(hideComment(world.convenor, { processId: world.processId, commentId, reason: "" })).rejects.toMatchObject({ code: "invalid_input" });
    await hideComment(world.convenor, { processId: world.processId, commentId, reason: "Advertising" });
    const seen = (await listThreads(world.commenter, world.processId))[0].comments[0];
    expect(seen).toMatchObject({ body: null, hidden: { reason: "Advertising" } });
    expect((await listThreads(world.convenor, world.processId))[0].comments[0].body).toBe("Off-topic advert.");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "comment.hidden" } });
    expect(JSON.parse(audit.data)).toMatchObject({ commentId, reason: "Advertising" });
  });

  it("closes comments when the process is signed off, keeping them readable", async () => {
    const doc = (await openDoc()).doc;
    const thread = await createThread(world.commenter, { processId: world.processId, clauseId: await clauseId("1.1"), ...anchorOn(doc, "foreign policy"), body: "Before." });
    await db.process.update({ where: { id: world.processId }, data: { status: "signed_off" } });
    await expect(replyToThread(world.editorGov, { processId: world.processId, threadId: thread.id, body: "After." })).rejects.toMatchObject({ code: "conflict" });
    await expect(
      createThread(world.commenter, { processId: world.processId, clauseId: await clauseId("1.1"), ...anchorOn(doc, "foreign policy"), body: "After." }),
    ).rejects.toMatchObject({ code: "conflict" });
    expect(await listThreads(world.observer, world.processId)).toHaveLength(1);
  });

  it("exports every comment as CSV and JSON with clause, quote, author, organisation, group and status", async () => {
    const doc = (await openDoc()).doc;
    const thread = await createThread(world.commenter, { processId: world.processId, clauseId: await clauseId("1.2"), ...anchorOn(doc, "human rights online"), body: '=HYPERLINK("x") and "quotes", commas' });
    await replyToThread(world.editorGov, { processId: world.processId, threadId: thread.id, body: "Reply\non two lines" });
    const csv = await exportComments(world.observer, { processId: world.processId, format: "csv" });
    expect(csv.contentType).toContain("text/csv");
    const lines = csv.body.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("clause,quoted text,thread,thread status,comment,author,organisation,group,created,edited,status,hidden reason,text");
    expect(lines[1]).toContain("1.2,human rights online,");
    expect(lines[1]).toContain("Priya Natarajan,Digital Rights Collective,Civil society");
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"") and ""quotes"", commas"`);
    const json = JSON.parse((await exportComments(world.convenor, { processId: world.processId, format: "json" })).body);
    expect(json.comments).toHaveLength(2);
    expect(json.comments[1]).toMatchObject({ clause: "1.2", author: "Kwame Mensah", group: "Government", text: "Reply\non two lines", threadStatus: "open" });
    await expect(exportComments(world.observer, { processId: world.processId, format: "xlsx" })).rejects.toMatchObject({ code: "invalid_input" });
  });

  it("keeps the anchor on the same words while others insert text before it through the collaboration server", async () => {
    const a = await openDoc();
    const b = connect(server.url, world.processId, await tokenFor(world.editorIndustry, world.processId));
    clients.push(b);
    await synced(b);
    const thread = await createThread(world.commenter, { processId: world.processId, clauseId: await clauseId("1.3"), ...anchorOn(a.doc, "open standards"), body: "Which ones?" });
    // Concurrent insertions before the anchor, from both sides.
    for (let i = 0; i < 10; i++) {
      paragraphText(a, 2).insert(0, "A");
      paragraphText(b, 2).insert(3, "B");
    }
    await until(() => paragraphText(a, 2).toString() === paragraphText(b, 2).toString() && paragraphText(a, 2).length > 200, "converged");
    for (const client of [a, b]) {
      const start = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(JSON.parse(thread.anchorStart)), client.doc)!;
      const end = Y.createAbsolutePositionFromRelativePosition(Y.createRelativePositionFromJSON(JSON.parse(thread.anchorEnd)), client.doc)!;
      expect((start.type as Y.XmlText).toString().slice(start.index, end.index)).toBe("open standards");
    }
  });

  it("tells the open editors of the process that a thread changed, through the collaboration channel", async () => {
    const a = await openDoc();
    const events: string[] = [];
    a.provider.messageHandlers[MESSAGE_EVENT] = (_e, decoder) => {
      events.push(new TextDecoder().decode(decoder.arr.subarray(decoder.pos)));
    };
    const thread = await createThread(world.commenter, { processId: world.processId, clauseId: await clauseId("1.1"), ...anchorOn(a.doc, "foreign policy"), body: "Live?" });
    await until(() => events.some((e) => e.includes(thread.id)), "event relayed");
  });
});
