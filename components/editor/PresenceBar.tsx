"use client";

import { useTranslations } from "next-intl";
import { useMemo, useSyncExternalStore } from "react";
import type { Awareness } from "y-protocols/awareness";
import type { PresenceIdentity } from "@/lib/collab/identity";
import { presenceStore } from "./presence";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return ((parts[0]?.[0] ?? "") + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "")).toUpperCase();
}

/** Who is here now: an avatar each, with name, group and role in text for screen readers and tooltips. */
export function PresenceBar({
  awareness,
  me,
  groupLabel,
}: {
  awareness: Awareness;
  me: PresenceIdentity;
  groupLabel: (g: PresenceIdentity["group"]) => string;
}) {
  const t = useTranslations("editor");
  const tRoles = useTranslations("roles");
  const store = useMemo(() => presenceStore(awareness, me), [awareness, me]);
  const people = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  return (
    <div className="presence" data-testid="presence">
      <span className="visually-hidden">{t("hereNow", { count: people.length })}</span>
      <ul className="presence__list">
        {people.map(({ clientId, user, isMe }) => {
          const role = ["convenor", "editor", "commenter", "observer"].includes(user.role) ? tRoles(user.role as "editor") : user.role;
          const label = `${user.name}${isMe ? ` (${t("you")})` : ""} · ${groupLabel(user.group)} · ${role}`;
          return (
            <li key={clientId} className="presence__person" title={label} data-testid="present-person">
              <span className="presence__avatar" style={{ background: user.color }} aria-hidden="true">
                {initials(user.name)}
              </span>
              <span className="visually-hidden">{label}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
