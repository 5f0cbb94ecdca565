import "server-only";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { idSchema, parseInput } from "../validation";
import type { ThreadDto } from "./dto";
import { loadCommentActor, threadInclude, toThreadDto } from "./load";

/** Every thread of the process, oldest first (the panel orders them by position in the text). */
export async function listThreads(actor: Actor, processId: unknown): Promise<ThreadDto[]> {
  const id = parseInput(idSchema, processId);
  const who = await loadCommentActor(db, actor, id);
  const threads = await db.commentThread.findMany({ where: { processId: id }, include: threadInclude, orderBy: { createdAt: "asc" } });
  return threads.map((t) => toThreadDto(t, who.role === "convenor"));
}

export async function getThread(actor: Actor, processId: unknown, threadId: unknown): Promise<ThreadDto | null> {
  const id = parseInput(idSchema, processId);
  const tid = parseInput(idSchema, threadId);
  const who = await loadCommentActor(db, actor, id);
  const thread = await db.commentThread.findFirst({ where: { id: tid, processId: id }, include: threadInclude });
  return thread ? toThreadDto(thread, who.role === "convenor") : null;
}
