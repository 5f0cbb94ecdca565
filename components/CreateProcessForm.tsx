"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest, fieldError, type ApiError } from "@/lib/client/api";
import { DEFAULT_GROUPS } from "@/lib/domain/groups";
import { DRAFT_LANGUAGES } from "@/lib/domain/languages";
import { ErrorAlert } from "./ErrorAlert";
import { InvitationLink } from "./InvitationLink";

interface Created {
  processId: string;
  convenorInvitationToken: string | null;
}

export function CreateProcessForm({ myEmail }: { myEmail: string }) {
  const t = useTranslations("newProcess");
  const tGroups = useTranslations("groups");
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [convenorIsMe, setConvenorIsMe] = useState(true);
  const [created, setCreated] = useState<{ result: Created; email: string } | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const convenorEmail = convenorIsMe ? myEmail : String(form.get("convenorEmail") ?? "");
    setBusy(true);
    setError(null);
    const res = await apiRequest<Created>("POST", "/api/processes", {
      title: form.get("title"),
      description: form.get("description"),
      language: form.get("language"),
      convenorEmail,
      convenorGroupKey: form.get("convenorGroupKey"),
      convenorOrganisation: form.get("convenorOrganisation"),
    });
    setBusy(false);
    if (!res.ok) return setError(res.error);
    if (res.data.convenorInvitationToken) return setCreated({ result: res.data, email: convenorEmail });
    router.push(`/processes/${res.data.processId}`);
  }

  if (created?.result.convenorInvitationToken) {
    return (
      <div className="stack">
        <InvitationLink token={created.result.convenorInvitationToken} email={created.email} />
        <Link className="button" href="/">
          {t("backToDashboard")}
        </Link>
      </div>
    );
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate>
      <ErrorAlert error={error} />
      <div className="field">
        <label htmlFor="title">{t("titleLabel")}</label>
        <input id="title" name="title" type="text" required minLength={3} maxLength={200} />
        {fieldError(error, "title") ? <span className="field-error">{fieldError(error, "title")}</span> : null}
      </div>
      <div className="field">
        <label htmlFor="description">{t("description")}</label>
        <textarea id="description" name="description" maxLength={2000} />
      </div>
      <div className="field">
        <label htmlFor="language">{t("language")}</label>
        <select id="language" name="language" defaultValue="en">
          {Object.entries(DRAFT_LANGUAGES).map(([code, label]) => (
            <option key={code} value={code} lang={code}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="field">
        <legend className="label">{t("convenor")}</legend>
        <label>
          <input type="radio" name="convenorChoice" checked={convenorIsMe} onChange={() => setConvenorIsMe(true)} /> {t("convenorMe")}
        </label>
        <label>
          <input type="radio" name="convenorChoice" checked={!convenorIsMe} onChange={() => setConvenorIsMe(false)} />{" "}
          {t("convenorOther")}
        </label>
      </fieldset>
      {!convenorIsMe ? (
        <div className="field">
          <label htmlFor="convenorEmail">{t("convenorEmail")}</label>
          <input id="convenorEmail" name="convenorEmail" type="email" required />
          {fieldError(error, "convenorEmail") ? <span className="field-error">{fieldError(error, "convenorEmail")}</span> : null}
        </div>
      ) : null}
      <div className="form-row">
        <div className="field">
          <label htmlFor="convenorGroupKey">{t("convenorGroup")}</label>
          <select id="convenorGroupKey" name="convenorGroupKey" defaultValue="government">
            {DEFAULT_GROUPS.map((g) => (
              <option key={g.key} value={g.key}>
                {tGroups(g.key)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="convenorOrganisation">{t("convenorOrganisation")}</label>
          <input id="convenorOrganisation" name="convenorOrganisation" type="text" required maxLength={150} />
          {fieldError(error, "convenorOrganisation") ? (
            <span className="field-error">{fieldError(error, "convenorOrganisation")}</span>
          ) : null}
        </div>
      </div>
      <div>
        <button className="button" type="submit" disabled={busy}>
          {busy ? t("creating") : t("create")}
        </button>
      </div>
    </form>
  );
}
