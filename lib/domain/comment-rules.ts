import { can } from "./permissions";
import type { Role } from "./roles";

export const COMMENT_ACTIONS = [
  "thread.create",
  "comment.reply",
  "comment.edit",
  "comment.delete",
  "thread.resolve",
  "thread.reopen",
  "comment.hide",
  "comment.viewHistory",
  "comments.export",
] as const;
export type CommentAction = (typeof COMMENT_ACTIONS)[number];

export interface CommentContext {
  role: Role | null;
  /** The actor wrote this comment (edit / delete). */
  isCommentAuthor?: boolean;
  /** The actor started this thread (resolve / reopen). */
  isThreadAuthor?: boolean;
  /** The process is still being drafted (not signed off). */
  processOpen: boolean;
}

export type CommentRefusal = "not_member" | "role" | "not_author" | "signed_off";

/**
 * Who may do what with comments. Reading is every member's; writing needs a role
 * that may comment and a process not yet signed off; one's own comments only for
 * editing and deleting; resolving for editors, convenors and the thread's author;
 * hiding and history for the convenor. Returns why not, or null when allowed.
 */
export function checkComment(action: CommentAction, ctx: CommentContext): CommentRefusal | null {
  const { role } = ctx;
  if (!role) return "not_member";
  const writes = action !== "comment.viewHistory" && action !== "comments.export";
  if (writes && !ctx.processOpen && action !== "comment.hide") return "signed_off";
  switch (action) {
    case "thread.create":
    case "comment.reply":
      return can(role, "comment.create") ? null : "role";
    case "comment.edit":
    case "comment.delete":
      if (!can(role, "comment.create")) return "role";
      return ctx.isCommentAuthor ? null : "not_author";
    case "thread.resolve":
    case "thread.reopen":
      if (can(role, "draft.edit")) return null;
      if (!can(role, "comment.create")) return "role";
      return ctx.isThreadAuthor ? null : "not_author";
    case "comment.hide":
    case "comment.viewHistory":
      return role === "convenor" ? null : "role";
    case "comments.export":
      return null;
  }
}

/** Longest comment accepted, in characters. */
export const COMMENT_MAX_CHARS = 4000;
/** Longest quoted anchor text kept with a thread. */
export const QUOTE_MAX_CHARS = 1000;

export type TextSegment = { kind: "text"; text: string } | { kind: "link"; href: string; text: string } | { kind: "break" };

const URL_PATTERN = /https?:\/\/[^\s<>"']+/g;

/**
 * Splits plain comment text into text, line breaks and http(s) links. Trailing
 * punctuation stays text ("see https://x.org." links https://x.org). Nothing else
 * becomes markup.
 */
export function segmentComment(body: string): TextSegment[] {
  const out: TextSegment[] = [];
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  lines.forEach((line, index) => {
    if (index > 0) out.push({ kind: "break" });
    let last = 0;
    for (const match of line.matchAll(URL_PATTERN)) {
      let href = match[0];
      const trailing = /[.,;:!?)\]]+$/.exec(href)?.[0] ?? "";
      href = href.slice(0, href.length - trailing.length);
      const start = match.index ?? 0;
      if (start > last) out.push({ kind: "text", text: line.slice(last, start) });
      out.push({ kind: "link", href, text: href });
      last = start + href.length;
    }
    if (last < line.length) out.push({ kind: "text", text: line.slice(last) });
  });
  return out;
}
