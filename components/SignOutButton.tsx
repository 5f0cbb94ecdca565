"use client";

import { useTranslations } from "next-intl";
import { clearOfflineCache } from "./editor/offline-cache";

/**
 * What next-auth's client `signOut` does (fetch a CSRF token, post it), without
 * shipping next-auth's client library in every page's script for one button.
 */
async function signOut(): Promise<void> {
  await clearOfflineCache().catch(() => undefined);
  const { csrfToken } = (await (await fetch("/api/auth/csrf", { cache: "no-store" })).json()) as { csrfToken: string };
  const res = await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Auth-Return-Redirect": "1" },
    body: new URLSearchParams({ csrfToken, callbackUrl: "/signin", json: "true" }),
  });
  if (!res.ok) throw new Error(String(res.status));
  // A full load, not a client-side route change: nothing of the signed-in session stays in memory.
  window.location.replace("/signin");
}

export function SignOutButton() {
  const t = useTranslations("nav");
  return (
    <button type="button" className="button button--secondary button--small" onClick={() => signOut().catch(() => window.alert(t("signOutFailed")))}>
      {t("signOut")}
    </button>
  );
}
