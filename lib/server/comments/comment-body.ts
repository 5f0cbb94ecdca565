import { AppError } from "@/lib/errors";
import { z } from "zod";
import { COMMENT_MAX_CHARS } from "@/lib/domain/comment-rules";

export const commentBodySchema = z
  .string()
  .transform((s) => s.replace(/\r\n?/g, "\n").trim())
  .pipe(
    z
      .string()
      .min(1, "the comment is empty")
      .max(COMMENT_MAX_CHARS, `a comment can be at most ${COMMENT_MAX_CHARS} characters long`),
  );

// Who wrote a comment, and for which group, comes from the membership on the server.
const IDENTITY_FIELDS = ["groupId", "group", "groupKey", "groupName", "groupColour", "authorId", "authorName", "authorOrganisation", "organisation"];

/** A request that tries to say who wrote it is refused outright (400), not silently corrected. */
export function refuseIdentityFields(input: unknown): void {
  if (!input || typeof input !== "object") return;
  const smuggled = IDENTITY_FIELDS.filter((field) => field in input);
  if (smuggled.length) {
    throw new AppError("invalid_input", `${smuggled.join(", ")} cannot be set: author, organisation and group come from your membership.`, {
      fields: smuggled.map((path) => ({ path, message: "not accepted" })),
    });
  }
}
