import { Fragment } from "react";
import { segmentComment } from "@/lib/domain/comment-rules";

/** Plain text with line breaks and http(s) links — nothing else becomes markup. */
export function CommentText({ body }: { body: string }) {
  return (
    <p className="comment__body" dir="auto">
      {segmentComment(body).map((s, i) =>
        s.kind === "break" ? (
          <br key={i} />
        ) : s.kind === "link" ? (
          <a key={i} href={s.href} rel="noopener noreferrer nofollow ugc" target="_blank">
            {s.text}
          </a>
        ) : (
          <Fragment key={i}>{s.text}</Fragment>
        ),
      )}
    </p>
  );
}
