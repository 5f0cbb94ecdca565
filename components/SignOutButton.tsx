"use client";

import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { clearOfflineCache } from "./editor/offline-cache";

export function SignOutButton() {
  const t = useTranslations("nav");
  return (
    <button type="button" className="button button--secondary button--small" onClick={async () => {
        await clearOfflineCache().catch(() => undefined);
        await signOut({ callbackUrl: "/signin" });
      }}>
      {t("signOut")}
    </button>
  );
}
