"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { safeCallbackUrl } from "@/lib/safe-callback";

const SIGN_IN_ERRORS = new Set(["unauthenticated", "rate_limited", "invalid_input"]);

export function SignInForm({ callbackUrl, defaultEmail }: { callbackUrl: string | null; defaultEmail?: string }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const destination = safeCallbackUrl(callbackUrl);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await signIn("credentials", {
      redirect: false,
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    }).catch(() => null);
    setBusy(false);
    if (!result) return setError("network");
    if (result.error) return setError(SIGN_IN_ERRORS.has(result.error) ? result.error : "unauthenticated");
    router.replace(destination);
    router.refresh();
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      {error ? (
        <div className="alert alert--error" role="alert" data-testid="signin-error">
          {t(`errors.${error}` as "errors.unauthenticated")}
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="email">{t("email")}</label>
        <input id="email" name="email" type="email" autoComplete="email" required defaultValue={defaultEmail} />
      </div>
      <div className="field">
        <label htmlFor="password">{t("password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button className="button" type="submit" disabled={busy}>
        {busy ? t("signingIn") : t("signIn")}
      </button>
      <p className="small muted">
        {t("noAccount")}{" "}
        <Link href={`/signup${callbackUrl ? `?callbackUrl=${encodeURIComponent(destination)}` : ""}`}>{t("createAccount")}</Link>
      </p>
    </form>
  );
}
