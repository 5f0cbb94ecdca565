import { describe, expect, it } from "vitest";
import { checkComment, COMMENT_ACTIONS, segmentComment, type CommentAction, type CommentRefusal } from "./comment-rules";
import { ROLES, type Role } from "./roles";

type Row = Record<CommentAction, CommentRefusal | null>;

// The whole table for an open process, written out: [action] → result for someone
// who is neither the comment's nor the thread's author, and for the author.
const STRANGER: Record<Role, Row> = {
  convenor: {
    "thread.create": null, "comment.reply": null, "comment.edit": "not_author", "comment.delete": "not_author",
    "thread.resolve": null, "thread.reopen": null, "comment.hide": null, "comment.viewHistory": null, "comments.export": null,
  },
  editor: {
    "thread.create": null, "comment.reply": null, "comment.edit": "not_author", "comment.delete": "not_author",
    "thread.resolve": null, "thread.reopen": null, "comment.hide": "role", "comment.viewHistory": "role", "comments.export": null,
  },
  commenter: {
    "thread.create": null, "comment.reply": null, "comment.edit": "not_author", "comment.delete": "not_author",
    "thread.resolve": "not_author", "thread.reopen": "not_author", "comment.hide": "role", "comment.viewHistory": "role", "comments.export": null,
  },
  observer: {
    "thread.create": "role", "comment.reply": "role", "comment.edit": "role", "comment.delete": "role",
    "thread.resolve": "role", "thread.reopen": "role", "comment.hide": "role", "comment.viewHistory": "role", "comments.export": null,
  },
};
const AUTHOR: Record<Role, Partial<Row>> = {
  convenor: { "comment.edit": null, "comment.delete": null },
  editor: { "comment.edit": null, "comment.delete": null },
  commenter: { "comment.edit": null, "comment.delete": null, "thread.resolve": null, "thread.reopen": null },
  observer: {},
};

describe("checkComment", () => {
  for (const role of ROLES) {
    for (const action of COMMENT_ACTIONS) {
      it(`${role} (not author): ${action} → ${STRANGER[role][action] ?? "allowed"}`, () => {
        expect(checkComment(action, { role, processOpen: true })).toBe(STRANGER[role][action]);
      });
      const asAuthor = action in AUTHOR[role] ? AUTHOR[role][action] : STRANGER[role][action];
      it(`${role} (author): ${action} → ${asAuthor ?? "allowed"}`, () => {
        expect(checkComment(action, { role, processOpen: true, isCommentAuthor: true, isThreadAuthor: true })).toBe(asAuthor);
      });
    }
  }

  it("refuses every write once the process is signed off, but keeps reading, history, export and moderation", () => {
    for (const action of COMMENT_ACTIONS) {
      const result = checkComment(action, { role: "convenor", processOpen: false, isCommentAuthor: true, isThreadAuthor: true });
      const stillAllowed = ["comment.viewHistory", "comments.export", "comment.hide"].includes(action);
      expect(result).toBe(stillAllowed ? null : "signed_off");
    }
  });

  it("refuses non-members everything", () => {
    for (const action of COMMENT_ACTIONS) expect(checkComment(action, { role: null, processOpen: true })).toBe("not_member");
  });
});

describe("segmentComment", () => {
  it("keeps plain text and line breaks", () => {
    expect(segmentComment("one\ntwo\r\nthree")).toEqual([
      { kind: "text", text: "one" }, { kind: "break" }, { kind: "text", text: "two" }, { kind: "break" }, { kind: "text", text: "three" },
    ]);
  });

  it("links http(s) URLs and leaves trailing punctuation outside", () => {
    expect(segmentComment("See https://example.org/a?b=1. And (http://x.org)")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", href: "https://example.org/a?b=1", text: "https://example.org/a?b=1" },
      { kind: "text", text: ". And (" },
      { kind: "link", href: "http://x.org", text: "http://x.org" },
      { kind: "text", text: ")" },
    ]);
  });

  it("never links other schemes or turns markup into anything but text", () => {
    const segments = segmentComment('javascript:alert(1) <img src=x onerror=alert(1)> data:text/html,x');
    expect(segments).toEqual([{ kind: "text", text: 'javascript:alert(1) <img src=x onerror=alert(1)> data:text/html,x' }]);
  });
});
