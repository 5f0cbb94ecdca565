"use client";

import { useFormatter, useTranslations } from "next-intl";
import { usePathname, useSearchParams } from "next/navigation";
import { memo, useMemo, useState } from "react";
import { apiRequest, type ApiError } from "@/lib/client/api";
import { checkComment, COMMENT_MAX_CHARS } from "@/lib/domain/comment-rules";
import type { Role } from "@/lib/domain/roles";
import type { CommentDto, ThreadDto } from "@/lib/server/comments/dto";
import type { GroupDto } from "@/lib/server/processes/dto";
import { GroupBadge } from "../Badges";
import { ErrorAlert } from "../ErrorAlert";
import { CommentText } from "./CommentText";
import type { ThreadStore } from "./thread-store";

export interface Composer {
  clauseId: string;
  anchorStart: string;
  anchorEnd: string;
  quote: string;
}

interface Props {
  processId: string;
  role: Role;
  userId: string;
  processOpen: boolean;
  groups: GroupDto[];
  threads: ThreadDto[];
  store: ThreadStore;
  /** Where each thread's anchor is now; null = its text was deleted. */
  ranges: Map<string, { from: number; to: number } | null>;
  clauseNumbers: Map<string, string>;
  composer: Composer | null;
  onComposerDone: () => void;
  active: string | null;
  onActivate: (id: string | null) => void;
}

const PAGE = 50;

/** Filter state lives in the URL, so a filtered view can be shared as a link. */
function useFilters() {
  const params = useSearchParams();
  const pathname = usePathname();
  // Derived from the raw string so the thread filter's memo survives re-renders while someone types.
  const rawGroups = params.get("groups") ?? "";
  const groups = useMemo(() => rawGroups.split(",").filter(Boolean), [rawGroups]);
  const filters = {
    groups,
    status: (params.get("status") ?? "open") as "open" | "resolved" | "all",
    clause: params.get("clause") ?? "",
    author: params.get("author") ?? "",
    q: params.get("q") ?? "",
  };
  const set = (change: Partial<typeof filters>) => {
    const next = new URLSearchParams(params.toString());
    for (const [key, value] of Object.entries({ ...filters, ...change })) {
      const text = Array.isArray(value) ? value.join(",") : value;
      if (!text || (key === "status" && text === "open")) next.delete(key);
      else next.set(key, text);
    }
    const query = next.toString();
    // The History API (not the router): Next keeps useSearchParams in step without
    // refetching the page, so filtering is instant even on a slow link.
    window.history.replaceState(null, "", `${pathname}${query ? `?${query}` : ""}`);
  };
  return { filters, set };
}

/** Memoised: the editor re-renders on every keystroke, the thread list need not. */
export const CommentsPanel = memo(function CommentsPanel(props: Props) {
  const t = useTranslations("comments");
  const { filters, set } = useFilters();
  const [shown, setShown] = useState(PAGE);
  const canComment = checkComment("thread.create", { role: props.role, processOpen: props.processOpen }) === null;

  const authors = useMemo(() => {
    const map = new Map<string, string>();
    for (const thread of props.threads) for (const c of thread.comments) map.set(c.authorId, c.authorName);
    return [...map].sort((a, b) => a[1].localeCompare(b[1]));
  }, [props.threads]);

  const { attached, detached } = useMemo(() => {
    const q = filters.q.trim().toLocaleLowerCase();
    const matches = (thread: ThreadDto) => {
      if (filters.status !== "all" && thread.status !== filters.status) return false;
      if (filters.clause && thread.clauseId !== filters.clause) return false;
      if (filters.groups.length && !thread.comments.some((c) => filters.groups.includes(c.group.id))) return false;
      if (filters.author && !thread.comments.some((c) => c.authorId === filters.author)) return false;
      if (q && !thread.quote.toLocaleLowerCase().includes(q) && !thread.comments.some((c) => c.body?.toLocaleLowerCase().includes(q))) return false;
      return true;
    };
    const visible = props.threads.filter(matches);
    const withRange = visible.filter((th) => props.ranges.get(th.id));
    withRange.sort((a, b) => props.ranges.get(a.id)!.from - props.ranges.get(b.id)!.from);
    return { attached: withRange, detached: visible.filter((th) => props.ranges.has(th.id) && !props.ranges.get(th.id)) };
  }, [props.threads, props.ranges, filters.q, filters.status, filters.clause, filters.groups, filters.author]);

  const toggleGroup = (id: string) =>
    set({ groups: filters.groups.includes(id) ? filters.groups.filter((g) => g !== id) : [...filters.groups, id] });

  return (
    <section className="comments" aria-labelledby="comments-heading" data-testid="comments-panel">
      <h2 id="comments-heading" className="visually-hidden">
        {t("heading")}
      </h2>
      {props.composer && canComment ? <NewThread {...props} composer={props.composer} /> : null}

      <details className="comments__filters" open>
        <summary className="label">{t("filters")}</summary>
        <fieldset className="comments__groups">
          <legend className="small muted">{t("byGroup")}</legend>
          {props.groups.map((g) => (
            <label key={g.id} className="chip-toggle">
              <input type="checkbox" checked={filters.groups.includes(g.id)} onChange={() => toggleGroup(g.id)} />
              <GroupBadge group={g} />
            </label>
          ))}
        </fieldset>
        <div className="form-row comments__row">
          <label className="field">
            <span className="small muted">{t("status")}</span>
            <select value={filters.status} onChange={(e) => set({ status: e.target.value as "open" })} data-testid="filter-status">
              <option value="open">{t("statusOpen")}</option>
              <option value="resolved">{t("statusResolved")}</option>
              <option value="all">{t("statusAll")}</option>
            </select>
          </label>
          <label className="field">
            <span className="small muted">{t("clause")}</span>
            <select value={filters.clause} onChange={(e) => set({ clause: e.target.value })}>
              <option value="">{t("anyClause")}</option>
              {[...props.clauseNumbers].map(([id, number]) => (
                <option key={id} value={id}>
                  {number}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span className="small muted">{t("author")}</span>
            <select value={filters.author} onChange={(e) => set({ author: e.target.value })}>
              <option value="">{t("anyAuthor")}</option>
              {authors.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="field">
          <span className="small muted">{t("search")}</span>
          <input type="search" defaultValue={filters.q} onChange={(e) => set({ q: e.target.value })} />
        </label>
        <p className="small comments__export">
          {t("export")} <a href={`/api/processes/${props.processId}/comments/export?format=csv`}>{t("csv")}</a> ·{" "}
          <a href={`/api/processes/${props.processId}/comments/export?format=json`}>{t("json")}</a>
        </p>
      </details>

      {props.store.status === "error" ? <p className="alert alert--error small">{t("loadFailed")}</p> : null}
      <p className="small muted" aria-live="polite" data-testid="thread-count">
        {t("showing", { count: attached.length })}
      </p>
      <ol className="thread-list" data-testid="threads">
        {attached.slice(0, shown).map((thread) => (
          <ThreadCard key={thread.id} {...props} thread={thread} detached={false} />
        ))}
      </ol>
      {attached.length > shown ? (
        <button type="button" className="button button--secondary button--small" onClick={() => setShown(shown + PAGE)}>
          {t("showMore", { count: Math.min(PAGE, attached.length - shown) })}
        </button>
      ) : null}
      {detached.length ? (
        <section className="detached" data-testid="detached-threads" aria-labelledby="detached-heading">
          <h3 id="detached-heading">{t("detachedHeading", { count: detached.length })}</h3>
          <p className="small muted">{t("detachedIntro")}</p>
          <ol className="thread-list">
            {detached.map((thread) => (
              <ThreadCard key={thread.id} {...props} thread={thread} detached />
            ))}
          </ol>
        </section>
      ) : null}
    </section>
  );
});

function NewThread(props: Props & { composer: Composer }) {
  const t = useTranslations("comments");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="card composer"
      data-testid="composer"
      onSubmit={async (event) => {
        event.preventDefault();
        const body = String(new FormData(event.currentTarget).get("body") ?? "");
        setBusy(true);
        const res = await apiRequest<ThreadDto>("POST", `/api/processes/${props.processId}/threads`, { ...props.composer, body });
        setBusy(false);
        if (!res.ok) return setError(res.error);
        props.store.upsert(res.data);
        props.onComposerDone();
        props.onActivate(res.data.id);
      }}
    >
      <blockquote className="quote" dir="auto">
        {props.composer.quote}
      </blockquote>
      <ErrorAlert error={error} />
      <label className="field">
        <span className="label">{t("newComment")}</span>
        <textarea name="body" required maxLength={COMMENT_MAX_CHARS} autoFocus />
        <span className="hint">{t("plainText", { max: COMMENT_MAX_CHARS })}</span>
      </label>
      <div className="actions">
        <button className="button button--small" type="submit" disabled={busy}>
          {t("post")}
        </button>
        <button className="button button--secondary button--small" type="button" onClick={props.onComposerDone}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}

function ThreadCard(props: Props & { thread: ThreadDto; detached: boolean }) {
  const t = useTranslations("comments");
  const { thread } = props;
  const [error, setError] = useState<ApiError | null>(null);
  const ctx = { role: props.role, processOpen: props.processOpen, isThreadAuthor: thread.createdById === props.userId };
  const canReply = checkComment("comment.reply", ctx) === null;
  const canResolve = checkComment(thread.status === "open" ? "thread.resolve" : "thread.reopen", ctx) === null;
  const number = props.clauseNumbers.get(thread.clauseId);
  const active = props.active === thread.id;

  const run = async (method: string, url: string, body?: unknown) => {
    setError(null);
    const res = await apiRequest<ThreadDto>(method, url, body);
    if (!res.ok) {
      setError(res.error);
      return false;
    }
    props.store.upsert(res.data);
    return true;
  };

  return (
    <li
      className={`card thread${active ? " is-active" : ""}${thread.status === "resolved" ? " thread--resolved" : ""}`}
      data-testid="thread"
      data-thread-id={thread.id}
      data-status={thread.status}
    >
      <button type="button" className="thread__head" onClick={() => props.onActivate(active ? null : thread.id)} aria-expanded={active}>
        <span className="section-number">{props.detached ? t("detached") : (number ?? "—")}</span>
        <q className="thread__quote" dir="auto">
          {thread.quote}
        </q>
        {thread.status === "resolved" ? <span className="badge badge--status">{t("resolved")}</span> : null}
      </button>
      <ol className="comment-list">
        {thread.comments.map((c) => (
          <CommentItem key={c.id} {...props} comment={c} run={run} />
        ))}
      </ol>
      <ErrorAlert error={error} />
      {active || thread.comments.length === 1 ? (
        <div className="thread__actions">
          {canReply ? (
            <form
              className="reply"
              onSubmit={async (event) => {
                event.preventDefault();
                const form = event.currentTarget;
                const body = String(new FormData(form).get("body") ?? "");
                if (await run("POST", `/api/processes/${props.processId}/threads/${thread.id}/comments`, { body })) form.reset();
              }}
            >
              <label className="visually-hidden" htmlFor={`reply-${thread.id}`}>
                {t("reply")}
              </label>
              <textarea id={`reply-${thread.id}`} name="body" rows={2} required maxLength={COMMENT_MAX_CHARS} placeholder={t("replyPlaceholder")} />
              <button className="button button--small" type="submit">
                {t("reply")}
              </button>
            </form>
          ) : null}
          {canResolve ? (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => run("PATCH", `/api/processes/${props.processId}/threads/${thread.id}`, { status: thread.status === "open" ? "resolved" : "open" })}
            >
              {thread.status === "open" ? t("resolve") : t("reopen")}
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

function CommentItem(props: Props & { comment: CommentDto; run: (method: string, url: string, body?: unknown) => Promise<boolean> }) {
  const t = useTranslations("comments");
  const format = useFormatter();
  const { comment } = props;
  const [editing, setEditing] = useState(false);
  const mine = comment.authorId === props.userId;
  const ctx = { role: props.role, processOpen: props.processOpen, isCommentAuthor: mine };
  const canEdit = !comment.deletedAt && checkComment("comment.edit", ctx) === null;
  const canHide = !comment.hidden && checkComment("comment.hide", ctx) === null;
  const base = `/api/processes/${props.processId}/comments/${comment.id}`;
  return (
    <li className="comment" data-testid="comment">
      <div className="comment__meta">
        <span className="comment__author" dir="auto">
          {comment.authorName}
        </span>
        <GroupBadge group={comment.group} />
        <span className="small muted" dir="auto">
          {comment.authorOrganisation}
        </span>
        <time className="small muted" dateTime={comment.createdAt}>
          {format.dateTime(new Date(comment.createdAt), { dateStyle: "medium", timeStyle: "short" })}
        </time>
        {comment.editedAt && !comment.deletedAt ? <span className="small muted">{t("edited")}</span> : null}
      </div>
      {comment.deletedAt ? (
        <p className="comment__body muted">{t("deleted")}</p>
      ) : comment.hidden && comment.body === null ? (
        <p className="comment__body muted">{t("hiddenNotice", { reason: comment.hidden.reason })}</p>
      ) : editing ? (
        <form
          onSubmit={async (event) => {
            event.preventDefault();
            const body = String(new FormData(event.currentTarget).get("body") ?? "");
            if (await props.run("PATCH", base, { body })) setEditing(false);
          }}
        >
          <textarea name="body" defaultValue={comment.body ?? ""} required maxLength={COMMENT_MAX_CHARS} aria-label={t("edit")} />
          <div className="actions">
            <button className="button button--small" type="submit">
              {t("save")}
            </button>
            <button className="button button--secondary button--small" type="button" onClick={() => setEditing(false)}>
              {t("cancel")}
            </button>
          </div>
        </form>
      ) : (
        <>
          {comment.hidden ? <p className="small alert alert--info">{t("hiddenForOthers", { reason: comment.hidden.reason })}</p> : null}
          <CommentText body={comment.body ?? ""} />
        </>
      )}
      {comment.history?.length ? (
        <details className="small">
          <summary>{t("history", { count: comment.history.length })}</summary>
          <ol>
            {comment.history.map((h, i) => (
              <li key={i}>
                <time className="muted">{format.dateTime(new Date(h.at), { dateStyle: "medium", timeStyle: "short" })}</time>
                <CommentText body={h.body} />
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {!editing && (canEdit || canHide) ? (
        <div className="actions comment__actions">
          {canEdit ? (
            <>
              <button type="button" className="link-button small" onClick={() => setEditing(true)}>
                {t("edit")}
              </button>
              <button
                type="button"
                className="link-button small"
                onClick={() => window.confirm(t("confirmDelete")) && void props.run("DELETE", base)}
              >
                {t("delete")}
              </button>
            </>
          ) : null}
          {canHide ? (
            <button
              type="button"
              className="link-button small"
              onClick={() => {
                const reason = window.prompt(t("hideReason"));
                if (reason) void props.run("POST", `${base}/hide`, { reason });
              }}
            >
              {t("hide")}
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
