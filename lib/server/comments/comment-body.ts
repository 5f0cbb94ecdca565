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
