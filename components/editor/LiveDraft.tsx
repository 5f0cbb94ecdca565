"use client";

import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor } from "@tiptap/react";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import type { ClauseNumbering } from "@/lib/collab/clause-ids";
import { afterPaint, coalescedAfterPaint } from "@/lib/client/after-paint";
import { CollabRuntime, type CollabSession, type SessionResult } from "@/lib/collab/client-runtime";
import { DOC_FIELD } from "@/lib/collab/doc-json-field";
import { documentExtensions } from "@/lib/collab/extensions";
import type { PresenceIdentity } from "@/lib/collab/identity";
import { CLAUSE_ID_ATTR, LIST_BLOCKS } from "@/lib/domain/draft-doc";
import { RTL_LANGUAGES } from "@/lib/domain/languages";
import type { Role } from "@/lib/domain/roles";
import type { GroupDto } from "@/lib/server/processes/dto";
import type { EditorState } from "@tiptap/pm/state";
import { CommentAnchors, commentAnchorsKey, selectionAnchor } from "../comments/anchors-extension";
import { CommentsPanel, type Composer } from "../comments/CommentsPanel";
import { ThreadStore } from "../comments/thread-store";
import { PositionPanel } from "../consensus/PositionPanel";
import { caretRenderer, selectionRenderer } from "./caret";
import { LiveOutline } from "./LiveOutline";
import { PresenceBar } from "./PresenceBar";
import { SaveStatusLine } from "./SaveStatusLine";
import { enableTableEditing } from "./table-editing";
import { Toolbar } from "./Toolbar";
import { primeOfflineCache } from "./offline-cache";

export interface LiveDraftProps {
  processId: string;
  identity: PresenceIdentity;
  role: Role;
  processOpen: boolean;
  groups: GroupDto[];
  /** Server-rendered member directory, shown in the sidebar's second tab. */
  members: ReactNode;
  canEdit: boolean;
  language: string;
  /** Translated names of the built-in groups, by key. */
  groupNames: Record<string, string>;
  /** Server-rendered draft and outline, shown until the live document is ready. */
  fallback: ReactNode;
  /** A collaboration ticket minted with the page: the first connection skips a round trip. */
  initialSession?: CollabSession;
}

/**
 * Calls `fn` with the latest argument once calls pause for `quietMs`, and at least every
 * `maxWaitMs` while they do not; `timing` picks both for each value.
 */
function whenSettled<T>(fn: (value: T) => void, timing: (value: T) => { quietMs: number; maxWaitMs: number }): (value: T) => void {
  const state: { timer: ReturnType<typeof setTimeout> | null; since: number; value: T | null } = { timer: null, since: 0, value: null };
  return (value: T) => {
    const now = Date.now();
    const { quietMs, maxWaitMs } = timing(value);
    state.value = value;
    if (state.timer) clearTimeout(state.timer);
    else state.since = now;
    state.timer = setTimeout(
      () => {
        state.timer = null;
        fn(state.value as T);
      },
      Math.max(0, Math.min(quietMs, state.since + maxWaitMs - now)),
    );
  };
}

/**
 * Each new numbering re-renders the page around the editor, and every React commit
 * while the editor has focus walks the draft's whole DOM (React saves the selection).
 * So the outline follows a change of clauses or numbers once typing pauses (at least
 * once a second), and a change of a clause's text only after a longer pause.
 */
function outlineUpdates(show: (numbering: ClauseNumbering) => void): (numbering: ClauseNumbering, numbersKey: string) => void {
  const shown = { numbers: null as string | null };
  const settled = whenSettled(
    (next: { numbering: ClauseNumbering; numbersKey: string }) => {
      shown.numbers = next.numbersKey;
      show(next.numbering);
    },
    (next) => (next.numbersKey !== shown.numbers ? { quietMs: 250, maxWaitMs: 1000 } : { quietMs: 1500, maxWaitMs: 10_000 }),
  );
  return (numbering, numbersKey) => settled({ numbering, numbersKey });
}

/** Calls `fn` with the latest argument after the next paint (see `afterPaint`). */
function afterPaintWithLatest<T>(fn: (value: T) => void): (value: T) => void {
  const latest = { value: null as T | null };
  const run = coalescedAfterPaint(() => fn(latest.value as T));
  return (value: T) => {
    latest.value = value;
    run.schedule();
  };
}

async function fetchSession(processId: string): Promise<SessionResult> {
  const res = await fetch(`/api/processes/${processId}/collab-session`, { credentials: "same-origin", cache: "no-store" });
  if (!res.ok) return { ok: false, status: res.status };
  return { ok: true, session: await res.json() };
}

export function LiveDraft(props: LiveDraftProps) {
  const { processId, identity, canEdit, initialSession } = props;
  const [runtime, setRuntime] = useState<CollabRuntime | null>(null);

  useEffect(() => {
    if (!performance.getEntriesByName("accord:hydrated").length) performance.mark("accord:hydrated");
    // The first message with a number in it (the presence bar's "n here now") makes the
    // browser load ICU's list of locales: 100–180 ms on a slow phone, on the way to an
    // editable draft (docs/benchmarks-notes.md §15). Asked for in idle time instead, which
    // a first visit has while the draft's text downloads.
    const warmIntl = window.requestIdleCallback?.(() => Intl.NumberFormat.supportedLocalesOf(document.documentElement.lang || "en"));
    let created: CollabRuntime | null = null;
    let cancelled = false;
    let initial = initialSession;
    void (async () => {
      // Development's StrictMode runs this effect twice: the first, cancelled at once, opens nothing.
      await Promise.resolve();
      if (cancelled) return;
      const opened = await CollabRuntime.open({
        processId,
        userId: identity.userId,
        canEdit,
        fetchSession: () => {
          const session = initial;
          initial = undefined;
          // Used once, and only with a minute to spare; later connections fetch a fresh one.
          if (session && Date.parse(session.expiresAt) - Date.now() > 60_000) return Promise.resolve({ ok: true, session } as const);
          return fetchSession(processId);
        },
        onRightsChanged: () => window.location.reload(),
      });
      if (cancelled) {
        opened.destroy();
        return;
      }
      created = opened;
      setRuntime(created);
      void created.connect();
    })();
    return () => {
      cancelled = true;
      if (warmIntl !== undefined) window.cancelIdleCallback(warmIntl);
      created?.destroy();
    };
    // The initial ticket is read once, at mount; a new one with each render must not reconnect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [processId, identity.userId, canEdit]);

  if (!runtime) return <>{props.fallback}</>;
  return <LiveEditor key={processId} runtime={runtime} {...props} />;
}

/** The clause (top-level block or list item) the selection starts in. */
function clauseAt(state: EditorState): string | null {
  const { $from } = state.selection;
  for (let depth = 1; depth <= $from.depth; depth++) {
    const node = $from.node(depth);
    const id = node.attrs[CLAUSE_ID_ATTR] as string | null | undefined;
    if (!id) continue;
    if (node.type.name === "listItem" || (depth === 1 && !LIST_BLOCKS.has(node.type.name))) return id;
  }
  return null;
}

function LiveEditor(props: LiveDraftProps & { runtime: CollabRuntime }) {
  const { runtime, identity, canEdit, language, groupNames, fallback } = props;
  const t = useTranslations("editor");
  const tComments = useTranslations("comments");
  const tConsensus = useTranslations("consensus");
  const [numbering, setNumbering] = useState<ClauseNumbering | null>(null);
  const [ready, setReady] = useState(false);
  const [ranges, setRanges] = useState<Map<string, { from: number; to: number } | null>>(new Map());
  const [active, setActive] = useState<string | null>(null);
  const [composer, setComposer] = useState<Composer | null>(null);
  const [tab, setTab] = useState<"comments" | "position" | "members">("comments");
  const [hasSelection, setHasSelection] = useState(false);
  const [cursorClause, setCursorClause] = useState<string | null>(null);
  const store = useMemo(() => new ThreadStore(props.processId), [props.processId]);
  // Whether text is selected (the comment button) and which clause the caret is in (the
  // position panel): moving the caret by typing must not re-render the page before it paints.
  const followSelection = useMemo(
    () =>
      afterPaintWithLatest((state: EditorState) => {
        setHasSelection(!state.selection.empty);
        setCursorClause(clauseAt(state));
      }),
    [],
  );
  const threads = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  useEffect(
    () =>
      runtime.onEvent((event) => {
        if (event.kind === "thread") void store.refresh(event.threadId);
        // Signed off: the page reloads to show the frozen text and the record.
        else if (event.kind === "signed_off") window.location.reload();
        else if (event.kind === "consensus") window.dispatchEvent(new CustomEvent("accord:consensus"));
      }),
    [store, runtime],
  );
  const groupLabel = useCallback(
    (group: PresenceIdentity["group"]) => (group.key && groupNames[group.key]) || group.name,
    [groupNames],
  );
  const extensions = useMemo(() => {
    const onNumbering = outlineUpdates(setNumbering);
    return [
      ...documentExtensions({ onNumbering }),
      CommentAnchors.configure({
        onOpenThread: (id) => {
          setTab("comments");
          setActive(id);
        },
        onRanges: afterPaintWithLatest((next: Map<string, { from: number; to: number } | null>) => setRanges(next)),
        marginLabel: (count) => tComments("marginLabel", { count }),
      }),
      Collaboration.configure({ document: runtime.doc, field: DOC_FIELD }),
      CollaborationCaret.configure({
        provider: runtime.provider,
        user: { name: identity.name, color: identity.color },
        render: caretRenderer(groupLabel),
        selectionRender: selectionRenderer,
      }),
    ];
  }, [runtime, identity.name, identity.color, groupLabel, tComments]);
  const rtl = RTL_LANGUAGES.has(language);
  const editor = useEditor(
    {
      extensions,
      editable: canEdit,
      immediatelyRender: false,
      shouldRerenderOnTransaction: false,
      onSelectionUpdate: ({ editor: e }) => {
        followSelection(e.state);
        if (e.isActive("table")) void enableTableEditing(e);
      },
      editorProps: {
        attributes: {
          class: "draft-editor draft",
          lang: language,
          dir: rtl ? "rtl" : "ltr",
          "aria-label": canEdit ? t("editableLabel") : t("readOnlyLabel"),
          "aria-readonly": canEdit ? "false" : "true",
          "data-testid": "editor",
        },
      },
    },
    [extensions, canEdit],
  );

  // ProseMirror reads typed text back from the page a moment after the key (on the next
  // mutation callback, or 20 ms later for some changes). When the page goes away (reload,
  // closed tab, app switch on a phone) read it now, so the last keystroke reaches the
  // document and this device's buffer before the page is gone.
  useEffect(() => {
    if (!editor) return;
    const flush = () => {
      if (!editor.isDestroyed) (editor.view as unknown as { domObserver?: { flush(): void } }).domObserver?.flush();
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") flush();
    };
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [editor]);

  // Keep highlights and per-clause margin counts in step with the threads.
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const anchors = threads.map((th) => ({
      id: th.id,
      anchorStart: th.anchorStart,
      anchorEnd: th.anchorEnd,
      open: th.status === "open",
      clauseId: th.clauseId,
      groupLabel: th.comments[0] ? groupLabel(th.comments[0].group) : "",
      groupColour: th.comments[0]?.group.colour ?? "#555555",
    }));
    editor.view.dispatch(editor.state.tr.setMeta(commentAnchorsKey, { anchors, active }).setMeta("addToHistory", false));
  }, [editor, threads, active, groupLabel]);

  // Selecting a thread in the panel scrolls the text to it, and vice versa.
  useEffect(() => {
    if (!active) return;
    document.querySelector(`[data-testid=thread][data-thread-id="${active}"]`)?.scrollIntoView({ block: "nearest" });
    const range = ranges.get(active);
    if (editor && range) {
      const dom = editor.view.domAtPos(range.from).node;
      (dom instanceof HTMLElement ? dom : dom.parentElement)?.scrollIntoView({ block: "center" });
    }
  }, [active, editor, ranges]);

  const canComment = props.processOpen && ["convenor", "editor", "commenter"].includes(props.role);
  const startComment = () => {
    if (!editor) return;
    const anchor = selectionAnchor(editor.state);
    const clauseId = clauseAt(editor.state);
    if (!anchor || !clauseId) return;
    setTab("comments");
    setComposer({ clauseId, anchorStart: anchor.anchorStart, anchorEnd: anchor.anchorEnd, quote: anchor.quote });
  };
  // Numbers change far less often than the numbering object (new on every keystroke):
  // keep the map, and the comments panel that uses it, stable while only text changes.
  const numbersKey = (numbering?.clauses ?? [])
    .filter((c) => c.number)
    .map((c) => `${c.clauseId}=${c.number}`)
    .join(",");
  const clauseNumbers = useMemo(
    () => new Map(numbersKey ? numbersKey.split(",").map((pair) => pair.split("=") as [string, string]) : []),
    [numbersKey],
  );
  const closeComposer = useCallback(() => setComposer(null), []);
  // This page's offline copy is fetched only once the draft and its threads are in,
  // so on a slow link it never competes with them.
  const threadsLoaded = store.status !== "loading";
  useEffect(() => {
    if (ready && threadsLoaded) void primeOfflineCache();
  }, [ready, threadsLoaded]);
  // On a slow link the draft comes first: threads load once the text is on screen.
  useEffect(() => {
    if (ready) void store.load();
  }, [ready, store]);

  // Show the live text once this device's copy or the server's has arrived — never an empty page.
  // A device copy counts only once all of it is in (IndexedDB and the edits buffered after it),
  // so the text on screen never lacks the last thing typed before a reload.
  useEffect(() => {
    if (!editor || ready) return;
    let done = false;
    let localLoaded = !runtime.hasLocalCopy;
    const check = () => {
      if (done) return;
      const fragment = runtime.doc.getXmlFragment(DOC_FIELD);
      if (runtime.provider.synced || (localLoaded && fragment.length > 0)) {
        done = true;
        performance.mark("accord:built");
        setReady(true);
      }
    };
    // The text may already be in (a first visit's snapshot arrives before the editor exists).
    check();
    void runtime.localReady.then(() => {
      localLoaded = true;
      check();
    });
    runtime.provider.on("sync", check);
    runtime.doc.on("update", check);
    return () => {
      done = true;
      runtime.provider.off("sync", check);
      runtime.doc.off("update", check);
    };
  }, [editor, ready, runtime]);

  // Editable means on screen and taking keys: after the frame that shows the editor in
  // place of the server-rendered text, not when its document is merely built (that
  // frame lays the whole draft out: about half a second on a slow phone).
  useEffect(() => {
    if (ready) return afterPaint(() => performance.mark("accord:editable"));
  }, [ready]);

  return (
    <div className="workspace" data-testid="workspace" data-ready={ready ? "true" : "false"}>
      {!ready ? fallback : null}
      <div className="process-layout process-layout--live" hidden={!ready}>
        {editor ? <LiveOutline editor={editor} numbering={numbering} /> : <div />}
        <section className="card editor-card" aria-label={t("draftLabel")}>
          <div className="editor-bar">
            <PresenceBar awareness={runtime.provider.awareness} me={identity} groupLabel={groupLabel} />
            <SaveStatusLine runtime={runtime} canEdit={canEdit} />
          </div>
          {canEdit && editor ? <Toolbar editor={editor} /> : null}
          {!canEdit ? (
            <p className="alert alert--info small" data-testid="read-only-notice">
              {t("readOnlyNotice")}
            </p>
          ) : null}
          {canComment ? (
            <button
              type="button"
              className="button button--secondary button--small comment-button"
              disabled={!hasSelection}
              onMouseDown={(e) => e.preventDefault()}
              onClick={startComment}
              data-testid="comment-selection"
            >
              {tComments("commentSelection")}
            </button>
          ) : null}
          <EditorContent editor={editor} />
        </section>
        <aside className="card sidebar" aria-label={tComments("sidebar")}>
          <div className="tabs tabs--small" role="tablist">
            <button type="button" role="tab" aria-selected={tab === "comments"} onClick={() => setTab("comments")} data-testid="tab-comments">
              {tComments("heading")}
            </button>
            <button type="button" role="tab" aria-selected={tab === "position"} onClick={() => setTab("position")} data-testid="tab-position">
              {tConsensus("positionTab")}
            </button>
            <button type="button" role="tab" aria-selected={tab === "members"} onClick={() => setTab("members")} data-testid="tab-people">
              {tComments("members")}
            </button>
          </div>
          {tab === "comments" ? (
            <CommentsPanel
              processId={props.processId}
              role={props.role}
              userId={identity.userId}
              processOpen={props.processOpen}
              groups={props.groups}
              threads={threads}
              store={store}
              ranges={ranges}
              clauseNumbers={clauseNumbers}
              composer={composer}
              onComposerDone={closeComposer}
              active={active}
              onActivate={setActive}
            />
          ) : tab === "position" ? (
            <PositionPanel
              processId={props.processId}
              clauseId={cursorClause}
              role={props.role}
              userId={identity.userId}
              processOpen={props.processOpen}
              groups={props.groups}
            />
          ) : (
            props.members
          )}
        </aside>
      </div>
    </div>
  );
}
