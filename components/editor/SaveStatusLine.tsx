"use client";

import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import type { CollabRuntime } from "@/lib/collab/client-runtime";

export function SaveStatusLine({ runtime, canEdit }: { runtime: CollabRuntime; canEdit: boolean }) {
  const t = useTranslations("editor.status");
  const status = useSyncExternalStore(runtime.subscribe, runtime.getStatus, runtime.getStatus);
  let text: string;
  switch (status.kind) {
    case "saved":
      text = canEdit ? t("saved") : t("live");
      break;
    case "saving":
      text = t("saving");
      break;
    case "offline":
      text = canEdit ? t("offline", { count: status.pending }) : t("offlineReadOnly");
      break;
    case "reconnecting":
      text = t("reconnecting");
      break;
    case "connecting":
      text = t("connecting");
      break;
    case "stopped":
      text = t(`stopped.${status.reason}`);
      break;
  }
  return (
    <p className={`save-status save-status--${status.kind}`} role="status" aria-live="polite" data-testid="save-status" data-state={status.kind}>
      <span className="save-status__dot" aria-hidden="true" />
      {text}
    </p>
  );
}
