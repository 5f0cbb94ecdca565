"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest, fieldError, type ApiError } from "@/lib/client/api";
import { safeCallbackUrl } from "@/lib/safe-callback";
import { ErrorAlert } from "./ErrorAlert";

export function SignUpForm({ callbackUrl, lockedEmail }: { callbackUrl: string | null; lockedEmail?: string }) {
  const t = useTranslations("auth");
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const destination = safeCallbackUrl(callbackUrl);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const input = {
      name: String(form.get("name") ?? ""),
      email: lockedEmail ?? String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
    };
    setBusy(true);
    setError(null);
    const created = await apiRequest("POST", "/api/signup", input);
    if (!created.ok) {
      setBusy(false);
      return setError(created.error);
    }
    const result = await signIn("credentials", { redirect: false, email: input.email, password: input.password }).catch(() => null);
    setBusy(false);
    if (!result || result.error) {
      router.replace(`/signin?callbackUrl=${encodeURIComponent(destination)}`);
      return;
    }
    router.replace(destination);
    router.refresh();
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <ErrorAlert error={error} />
      <div className="field">
        <label htmlFor="name">{t("name")}</label>
        <input id="name" name="name" type="text" autoComplete="name" required maxLength={100} />
        {fieldError(error, "name") ? <span className="field-error">{fieldError(error, "name")}</span> : null}
      </div>
      <div className="field">
        <label htmlFor="email">{t("email")}</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={lockedEmail}
          readOnly={!!lockedEmail}
          aria-describedby={lockedEmail ? "email-hint" : undefined}
        />
        {lockedEmail ? (
          <span id="email-hint" className="hint">
            {t("emailFromInvitation")}
          </span>
        ) : null}
        {fieldError(error, "email") ? <span className="field-error">{fieldError(error, "email")}</span> : null}
      </div>
      <div className="field">
        <label htmlFor="password">{t("password")}</label>
        <input id="password" name="password" type="password" autoComplete="new-password" required minLength={10} aria-describedby="password-hint" />
        <span id="password-hint" className="hint">
          {t("passwordHint")}
        </span>
        {fieldError(error, "password") ? <span className="field-error">{fieldError(error, "password")}</span> : null}
      </div>
      <button className="button" type="submit" disabled={busy}>
        {busy ? t("creatingAccount") : t("createAccount")}
      </button>
      <p className="small muted">
        {t("haveAccount")}{" "}
        <Link href={`/signin${callbackUrl ? `?callbackUrl=${encodeURIComponent(destination)}` : ""}`}>{t("signIn")}</Link>
      </p>
    </form>
  );
}
