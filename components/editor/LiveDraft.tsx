"use client";

import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import { EditorContent, useEditor } from "@tiptap/react";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import type { ClauseNumbering } from "@/lib/collab/clause-ids";
import { CollabRuntime, type SessionResult } from "@/lib/collab/client-runtime";
import { DOC_FIELD } from "@/lib/collab/doc-json-field";
import { documentExtensions } from "@/lib/collab/extensions";
import type { PresenceIdentity } from "@/lib/collab/identity";
import { RTL_LANGUAGES } from "@/lib/domain/languages";
import { caretRenderer, selectionRenderer } from "./caret";
import { LiveOutline } from "./LiveOutline";
import { PresenceBar } from "./PresenceBar";
import { SaveStatusLine } from "./SaveStatusLine";
import { Toolbar } from "./Toolbar";
import { primeOfflineCache } from "./offline-cache";

export interface LiveDraftProps {
  processId: string;
  identity: PresenceIdentity;
  canEdit: boolean;
  language: string;
  /** Translated names of the built-in groups, by key. */
  groupNames: Record<string, string>;
  /** Server-rendered draft and outline, shown until the live document is ready. */
  fallback: ReactNode;
}

/** Calls `fn` with the latest argument at most once per animation frame. */
function perFrame<T>(fn: (value: T) => void): (value: T) => void {
  const state: { frame: number | null } = { frame: null };
  return (value: T) => {
    if (state.frame !== null) cancelAnimationFrame(state.frame);
    state.frame = requestAnimationFrame(() => {
      state.frame = null;
      fn(value);
    });
  };
}

async function fetchSession(processId: string): Promise<SessionResult> {
  const res = await fetch(`/api/processes/${processId}/collab-session`, { credentials: "same-origin", cache: "no-store" });
  if (!res.ok) return { ok: false, status: res.status };
  return { ok: true, session: await res.json() };
}

export function LiveDraft(props: LiveDraftProps) {
  const { processId, identity, canEdit } = props;
  const [runtime, setRuntime] = useState<CollabRuntime | null>(null);

  useEffect(() => {
    let created: CollabRuntime | null = null;
    let cancelled = false;
    void (async () => {
      await Promise.resolve();
      if (cancelled) return;
      created = new CollabRuntime({
        processId,
        userId: identity.userId,
        canEdit,
        fetchSession: () => fetchSession(processId),
        onRightsChanged: () => window.location.reload(),
      });
      setRuntime(created);
      await created.localReady;
      if (!cancelled) void created.connect();
    })();
    return () => {
      cancelled = true;
      created?.destroy();
    };
  }, [processId, identity.userId, canEdit]);

  useEffect(() => {
    void primeOfflineCache();
  }, []);

  if (!runtime) return <>{props.fallback}</>;
  return <LiveEditor key={processId} runtime={runtime} {...props} />;
}

function LiveEditor({ runtime, identity, canEdit, language, groupNames, fallback }: LiveDraftProps & { runtime: CollabRuntime }) {
  const t = useTranslations("editor");
  const [numbering, setNumbering] = useState<ClauseNumbering | null>(null);
  const [ready, setReady] = useState(false);
  const groupLabel = useCallback(
    (group: PresenceIdentity["group"]) => (group.key && groupNames[group.key]) || group.name,
    [groupNames],
  );
  const extensions = useMemo(() => {
    // One outline refresh per frame, however fast people type.
    const onNumbering = perFrame((next: ClauseNumbering) => setNumbering(next));
    return [
      ...documentExtensions({ onNumbering }),
      Collaboration.configure({ document: runtime.doc, field: DOC_FIELD }),
      CollaborationCaret.configure({
        provider: runtime.provider,
        user: { name: identity.name, color: identity.color },
        render: caretRenderer(groupLabel),
        selectionRender: selectionRenderer,
      }),
    ];
  }, [runtime, identity.name, identity.color, groupLabel]);
  const rtl = RTL_LANGUAGES.has(language);
  const editor = useEditor(
    {
      extensions,
      editable: canEdit,
      immediatelyRender: false,
      shouldRerenderOnTransaction: false,
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

  // Show the live text once this device's copy or the server's has arrived — never an empty page.
  useEffect(() => {
    if (!editor || ready) return;
    let done = false;
    const check = () => {
      if (done) return;
      const fragment = runtime.doc.getXmlFragment(DOC_FIELD);
      if (runtime.provider.synced || fragment.length > 0) {
        done = true;
        setReady(true);
        performance.mark("accord:editable");
      }
    };
    void runtime.localReady.then(check);
    runtime.provider.on("sync", check);
    runtime.doc.on("update", check);
    return () => {
      done = true;
      runtime.provider.off("sync", check);
      runtime.doc.off("update", check);
    };
  }, [editor, ready, runtime]);

  return (
    <div className="workspace" data-testid="workspace" data-ready={ready ? "true" : "false"}>
      {!ready ? fallback : null}
      <div className="process-layout" hidden={!ready}>
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
          <EditorContent editor={editor} />
        </section>
      </div>
    </div>
  );
}
