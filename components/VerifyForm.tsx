"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { VerifyResult } from "@/lib/domain/signed-record";

export function VerifyForm() {
  const t = useTranslations("verify");
  const [text, setText] = useState("");
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="form"
      onSubmit={async (event) => {
        event.preventDefault();
        setResult(null);
        setError(null);
        const res = await fetch("/api/verify", { method: "POST", headers: { "content-type": "application/json" }, body: text }).catch(() => null);
        const body = (await res?.json().catch(() => null)) as (VerifyResult & { error?: { message: string } }) | null;
        if (!res || !body) return setError("network");
        if (body.error) return setError(body.error.message);
        setResult(body);
      }}
    >
      <label className="field">
        <span className="label">{t("file")}</span>
        <input type="file" accept="application/json,.json" onChange={async (e) => setText((await e.target.files?.[0]?.text()) ?? "")} />
      </label>
      <label className="field">
        <span className="label">{t("paste")}</span>
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={8} data-testid="verify-input" />
      </label>
      <div>
        <button className="button" type="submit" disabled={!text.trim()}>
          {t("check")}
        </button>
      </div>
      {error ? <p className="alert alert--error">{error}</p> : null}
      {result?.valid ? (
        <p className="alert alert--success" data-testid="verify-result" data-valid="true">
          {t("valid", { sha256: result.sha256 })}
        </p>
      ) : null}
      {result && !result.valid ? (
        <div className="alert alert--error" data-testid="verify-result" data-valid="false">
          <strong>{t("invalid")}</strong>
          <ul>
            {result.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </form>
  );
}
