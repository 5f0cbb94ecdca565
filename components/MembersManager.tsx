"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest, fieldError, type ApiError } from "@/lib/client/api";
import { ROLES, type Role } from "@/lib/domain/roles";
import type { MemberAdminDto } from "@/lib/server/members/get-member-admin";
import { GroupBadge, useGroupName } from "./Badges";
import { ErrorAlert } from "./ErrorAlert";
import { InvitationLink } from "./InvitationLink";

type Busy = string | null;

export function MembersManager({ data }: { data: MemberAdminDto }) {
  const t = useTranslations("members");
  const tRoles = useTranslations("roles");
  const groupName = useGroupName();
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [invited, setInvited] = useState<{ token: string; email: string } | null>(null);
  const [drafts, setDrafts] = useState<Record<string, { role: Role; groupId: string }>>({});
  const base = `/api/processes/${data.process.id}`;

  async function run(key: string, action: () => Promise<{ ok: boolean; error?: ApiError }>, success: string) {
    setBusy(key);
    setError(null);
    setNotice(null);
    const res = await action();
    setBusy(null);
    if (!res.ok) {
      setError(res.error ?? null);
      return false;
    }
    setNotice(success);
    router.refresh();
    return true;
  }

  async function onInvite(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const email = String(form.get("email") ?? "");
    setInvited(null);
    setBusy("invite");
    setError(null);
    setNotice(null);
    const res = await apiRequest<{ token: string }>("POST", `${base}/invitations`, {
      email,
      role: form.get("role"),
      groupId: form.get("groupId"),
      organisation: form.get("organisation"),
    });
    setBusy(null);
    if (!res.ok) return setError(res.error);
    setInvited({ token: res.data.token, email });
    formEl.reset();
    router.refresh();
  }

  async function onAddGroup(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const name = String(new FormData(formEl).get("name") ?? "");
    const ok = await run("group", () => apiRequest("POST", `${base}/groups`, { name }), t("groupAdded", { name }));
    if (ok) formEl.reset();
  }

  const pending = data.invitations.filter((i) => i.status === "pending");

  return (
    <div className="stack">
      <div aria-live="polite">
        <ErrorAlert error={error} />
        {notice ? (
          <div className="alert alert--success" role="status" data-testid="notice">
            {notice}
          </div>
        ) : null}
      </div>

      <section className="card stack" aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t("inviteHeading")}</h2>
        <p className="muted small">{t("inviteIntro")}</p>
        {invited ? <InvitationLink token={invited.token} email={invited.email} /> : null}
        <form className="form" onSubmit={onInvite} noValidate data-testid="invite-form">
          <div className="form-row">
            <div className="field">
              <label htmlFor="invite-email">{t("email")}</label>
              <input id="invite-email" name="email" type="email" required />
              {fieldError(error, "email") ? <span className="field-error">{fieldError(error, "email")}</span> : null}
            </div>
            <div className="field">
              <label htmlFor="invite-organisation">{t("organisation")}</label>
              <input id="invite-organisation" name="organisation" type="text" required maxLength={150} />
            </div>
          </div>
          <div className="form-row">
            <div className="field">
              <label htmlFor="invite-role">{t("role")}</label>
              <select id="invite-role" name="role" defaultValue="commenter">
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {tRoles(r)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="invite-group">{t("group")}</label>
              <select id="invite-group" name="groupId" defaultValue={data.groups[0]?.id}>
                {data.groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {groupName(g)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div>
            <button className="button" type="submit" disabled={busy === "invite"}>
              {t("sendInvitation")}
            </button>
          </div>
        </form>
      </section>

      <section className="card stack" aria-labelledby="members-heading">
        <h2 id="members-heading">{t("membersHeading", { count: data.members.length })}</h2>
        <table className="table" data-testid="members-table">
          <thead>
            <tr>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("role")}</th>
              <th scope="col">{t("group")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {data.members.map((m) => {
              const draft = drafts[m.id] ?? { role: m.role, groupId: m.groupId };
              const changed = draft.role !== m.role || draft.groupId !== m.groupId;
              return (
                <tr key={m.id} data-testid="member-row" data-email={m.email}>
                  <td data-label={t("name")}>
                    <strong>{m.name}</strong>
                    {m.id === data.meId ? <span className="muted small"> ({t("you")})</span> : null}
                    <div className="small muted">
                      {m.email} · {m.organisation}
                    </div>
                  </td>
                  <td data-label={t("role")}>
                    <label className="visually-hidden" htmlFor={`role-${m.id}`}>
                      {t("roleOf", { name: m.name })}
                    </label>
                    <select
                      id={`role-${m.id}`}
                      value={draft.role}
                      onChange={(e) => setDrafts({ ...drafts, [m.id]: { ...draft, role: e.target.value as Role } })}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {tRoles(r)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td data-label={t("group")}>
                    <label className="visually-hidden" htmlFor={`group-${m.id}`}>
                      {t("groupOf", { name: m.name })}
                    </label>
                    <select
                      id={`group-${m.id}`}
                      value={draft.groupId}
                      onChange={(e) => setDrafts({ ...drafts, [m.id]: { ...draft, groupId: e.target.value } })}
                    >
                      {data.groups.map((g) => (
                        <option key={g.id} value={g.id}>
                          {groupName(g)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <div className="actions">
                      <button
                        type="button"
                        className="button button--small"
                        disabled={!changed || busy === m.id}
                        onClick={() =>
                          run(m.id, () => apiRequest("PATCH", `${base}/members/${m.id}`, draft), t("memberUpdated", { name: m.name }))
                        }
                      >
                        {t("save")}
                      </button>
                      <button
                        type="button"
                        className="button button--danger button--small"
                        disabled={busy === m.id}
                        onClick={() => {
                          if (!window.confirm(t("confirmRemove", { name: m.name }))) return;
                          void run(m.id, () => apiRequest("DELETE", `${base}/members/${m.id}`), t("memberRemoved", { name: m.name }));
                        }}
                      >
                        {t("remove")}
                      </button>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section className="card stack" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">{t("pendingHeading", { count: pending.length })}</h2>
        {pending.length === 0 ? (
          <p className="muted">{t("noPending")}</p>
        ) : (
          <table className="table" data-testid="invitations-table">
            <thead>
              <tr>
                <th scope="col">{t("email")}</th>
                <th scope="col">{t("role")}</th>
                <th scope="col">{t("group")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {pending.map((inv) => {
                const group = data.groups.find((g) => g.id === inv.groupId);
                return (
                  <tr key={inv.id} data-testid="invitation-row" data-email={inv.email}>
                    <td data-label={t("email")}>
                      {inv.email}
                      <div className="small muted">{inv.organisation}</div>
                    </td>
                    <td data-label={t("role")}>{tRoles(inv.role)}</td>
                    <td data-label={t("group")}>{group ? <GroupBadge group={group} /> : null}</td>
                    <td>
                      <button
                        type="button"
                        className="button button--danger button--small"
                        disabled={busy === inv.id}
                        onClick={() =>
                          run(inv.id, () => apiRequest("DELETE", `${base}/invitations/${inv.id}`), t("invitationRevoked", { email: inv.email }))
                        }
                      >
                        {t("revoke")}
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>

      <section className="card stack" aria-labelledby="groups-heading">
        <h2 id="groups-heading">{t("groupsHeading")}</h2>
        <p className="muted small">{t("groupsIntro")}</p>
        <div className="meta">
          {data.groups.map((g) => (
            <GroupBadge key={g.id} group={g} />
          ))}
        </div>
        <form className="form" onSubmit={onAddGroup} noValidate>
          <div className="field">
            <label htmlFor="group-name">{t("newGroup")}</label>
            <input id="group-name" name="name" type="text" required minLength={2} maxLength={60} placeholder={t("newGroupPlaceholder")} />
          </div>
          <div>
            <button className="button button--secondary" type="submit" disabled={busy === "group"}>
              {t("addGroup")}
            </button>
          </div>
        </form>
      </section>
    </div>
  );
}
