"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { apiRequest, type ApiError } from "@/lib/client/api";
import type { ClauseStatus } from "@/lib/domain/consensus";
import type { ConsensusDto } from "@/lib/server/consensus/get-consensus";
import { GroupBadge, useGroupName } from "../Badges";
import { ErrorAlert } from "../ErrorAlert";
import { useReasonText } from "./reasons";
import { useConsensus } from "./use-consensus";

const STATUSES: ClauseStatus[] = ["awaiting_input", "contested", "blocked", "consensus"];

export function ConsensusDashboard({ initial, isConvenor }: { initial: ConsensusDto; isConvenor: boolean }) {
  const t = useTranslations("consensus");
  const groupName = useGroupName();
  const { data, refresh } = useConsensus(initial.process.id, { live: true, initial });
  const c = data ?? initial;
  const nameOf = (id: string) => {
    const g = c.groups.find((x) => x.id === id);
    return g ? groupName(g) : id;
  };
  const reasonText = useReasonText(nameOf);
  const [status, setStatus] = useState<"" | ClauseStatus>("");
  const [group, setGroup] = useState("");
  const [cell, setCell] = useState<{ clauseId: string; groupId: string } | null>(null);
  const open = c.process.status !== "signed_off";
  const clauses = c.clauses.filter((x) => !status || x.status === status);
  const groups = c.groups.filter((g) => !group || g.id === group);
  const selected = cell ? c.clauses.find((x) => x.clauseId === cell.clauseId) : null;

  return (
    <div className="stack consensus" data-testid="consensus-dashboard">
      <p className="progress" data-testid="consensus-progress">
        <strong>{t("progress", { done: c.progress.consensus, total: c.progress.total })}</strong>{" "}
        <span className="small muted">· {t("live")}</span>
      </p>
      <progress max={c.progress.total || 1} value={c.progress.consensus} aria-hidden="true" />

      <div className="form-row consensus__filters">
        <label className="field">
          <span className="small muted">{t("filterStatus")}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as ClauseStatus | "")} data-testid="consensus-filter-status">
            <option value="">{t("all")}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="small muted">{t("filterGroup")}</span>
          <select value={group} onChange={(e) => setGroup(e.target.value)}>
            <option value="">{t("all")}</option>
            {c.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {groupName(g)}
              </option>
            ))}
          </select>
        </label>
      </div>

      <div className="matrix-wrap">
        <table className="matrix" data-testid="consensus-matrix">
          <thead>
            <tr>
              <th scope="col">{t("clause")}</th>
              <th scope="col">{t("filterStatus")}</th>
              {groups.map((g) => (
                <th key={g.id} scope="col">
                  <GroupBadge group={g} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {clauses.map((x) => (
              <tr key={x.clauseId} data-testid="matrix-row" data-clause={x.number} data-status={x.status}>
                <th scope="row" title={x.text}>
                  {x.number}
                </th>
                <td>
                  <span className={`consensus-status consensus-status--${x.status}`}>
                    <span aria-hidden="true">{t(`statusIcon.${x.status}`)}</span> {t(`status.${x.status}`)}
                  </span>
                  {x.staleCount ? <span className="small muted"> · {t("stale", { count: x.staleCount })}</span> : null}
                  <ul className="reasons small">
                    {x.reasons.map((r, i) => (
                      <li key={i}>{reasonText(r)}</li>
                    ))}
                  </ul>
                </td>
                {groups.map((g) => {
                  const tally = x.tallies[g.id];
                  const ok = tally?.meetsQuorum && tally.meetsThresholds && !x.reasons.some((r) => r.groupId === g.id && r.kind === "open_block");
                  return (
                    <td key={g.id} className={`cell ${ok ? "cell--ok" : "cell--open"}`}>
                      <button type="button" className="cell__button" onClick={() => setCell({ clauseId: x.clauseId, groupId: g.id })}>
                        {tally ? (
                          <>
                            <span aria-hidden="true">{ok ? "✓" : "…"}</span> {tally.agree + tally.reservations}/{tally.current} · {tally.current}/{tally.quorumNeeded}
                          </>
                        ) : (
                          "—"
                        )}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {selected && cell ? (
        <CellDetail
          data={c}
          clauseId={selected.clauseId}
          groupId={cell.groupId}
          isConvenor={isConvenor && open}
          onClose={() => setCell(null)}
          onChanged={refresh}
          groupLabel={nameOf(cell.groupId)}
        />
      ) : null}

      <Objections data={c} groupLabel={nameOf} />
      <Participation data={c} />
      {isConvenor && open ? <Rules data={c} onChanged={refresh} /> : null}
      {isConvenor && open ? <SignOffForm data={c} /> : null}
    </div>
  );
}

function CellDetail(props: { data: ConsensusDto; clauseId: string; groupId: string; groupLabel: string; isConvenor: boolean; onClose: () => void; onChanged: () => Promise<void> }) {
  const t = useTranslations("consensus");
  const format = useFormatter();
  const [error, setError] = useState<ApiError | null>(null);
  const clause = props.data.clauses.find((x) => x.clauseId === props.clauseId)!;
  const positions = clause.positions.filter((p) => p.groupId === props.groupId);
  return (
    <section className="card cell-detail" data-testid="cell-detail" aria-label={t("cellDetail", { number: clause.number, group: props.groupLabel })}>
      <div className="page-head">
        <h3>{t("cellDetail", { number: clause.number, group: props.groupLabel })}</h3>
        <button type="button" className="button button--secondary button--small page-head__actions" onClick={props.onClose}>
          {t("close")}
        </button>
      </div>
      <p className="small muted" dir="auto">
        {clause.text}
      </p>
      <ErrorAlert error={error} />
      {positions.length === 0 ? <p className="small muted">{t("noPositions")}</p> : null}
      <ul className="position-list">
        {positions.map((p) => (
          <li key={p.id} className={p.stale ? "is-stale" : undefined} data-testid="cell-position">
            <strong dir="auto">{p.authorName}</strong> <span className="small muted">{p.organisation}</span> — <strong>{t(`stance.${p.stance}`)}</strong>
            {p.stale ? <span className="badge badge--warn">{t("stale", { count: 1 })}</span> : null}
            <span className="small muted"> · {format.dateTime(new Date(p.createdAt), { dateStyle: "medium", timeStyle: "short" })}</span>
            {p.rationale ? (
              <p className="small" dir="auto">
                {p.rationale}
              </p>
            ) : null}
            {p.disposition ? (
              <p className="small alert alert--info">
                {t(`disposition.${p.disposition.kind as "addressed"}`)}: {p.disposition.note}
              </p>
            ) : props.isConvenor && (p.stance === "block" || p.stance === "disagree") && !p.stale ? (
              <form
                className="disposition-form"
                onSubmit={async (event) => {
                  event.preventDefault();
                  const form = new FormData(event.currentTarget);
                  setError(null);
                  const res = await apiRequest("POST", `/api/processes/${props.data.process.id}/positions/${p.id}/disposition`, {
                    kind: form.get("kind"),
                    note: form.get("note"),
                  });
                  if (!res.ok) return setError(res.error);
                  await props.onChanged();
                }}
              >
                <select name="kind" aria-label={t("recordDisposition")}>
                  <option value="addressed">{t("disposition.addressed")}</option>
                  <option value="not_accommodated">{t("disposition.not_accommodated")}</option>
                </select>
                <input type="text" name="note" required minLength={3} aria-label={t("dispositionNote")} placeholder={t("dispositionNote")} />
                <button type="submit" className="button button--small" data-testid="record-disposition">
                  {t("recordDisposition")}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Every current disagreement and block, with the convenor's disposition when there is one. */
function Objections({ data, groupLabel }: { data: ConsensusDto; groupLabel: (id: string) => string }) {
  const t = useTranslations("consensus");
  const rows = data.clauses.flatMap((clause) =>
    clause.positions.filter((p) => p.stance === "block" || p.stance === "disagree").map((p) => ({ clause, p })),
  );
  return (
    <section className="card" aria-labelledby="objections-heading" data-testid="objection-register">
      <h2 id="objections-heading">{t("objections")}</h2>
      {rows.length === 0 ? <p className="small muted">{t("noObjections")}</p> : null}
      <ul className="position-list">
        {rows.map(({ clause, p }) => (
          <li key={p.id} className={p.stale ? "is-stale" : undefined}>
            <strong>{clause.number}</strong> · <span dir="auto">{p.authorName}</span> · {groupLabel(p.groupId)} · <strong>{t(`stance.${p.stance}`)}</strong>
            <p className="small" dir="auto">
              {p.rationale}
            </p>
            {p.disposition ? (
              <p className="small alert alert--info">
                {t(`disposition.${p.disposition.kind as "addressed"}`)}: {p.disposition.note}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Participation({ data }: { data: ConsensusDto }) {
  const t = useTranslations("consensus");
  return (
    <section className="card" aria-labelledby="participation-heading">
      <h2 id="participation-heading">{t("participation")}</h2>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t("filterGroup")}</th>
            <th scope="col">{t("members")}</th>
            <th scope="col">{t("eligible")}</th>
            <th scope="col">{t("active")}</th>
            <th scope="col">{t("cast")}</th>
            <th scope="col">{t("stale", { count: 2 })}</th>
          </tr>
        </thead>
        <tbody>
          {data.groups.map((g) => (
            <tr key={g.id} data-testid="participation-row">
              <td data-label={t("filterGroup")}>
                <GroupBadge group={g} />
                {g.underRepresented ? (
                  <p className="small badge--warn participation-warning" role="note">
                    <span aria-hidden="true">⚠ </span>
                    {t("underRepresented")}
                  </p>
                ) : null}
              </td>
              <td data-label={t("members")}>{g.members}</td>
              <td data-label={t("eligible")}>{g.eligible}</td>
              <td data-label={t("active")}>{g.activeThisWeek}</td>
              <td data-label={t("cast")}>{g.positionsCast}</td>
              <td data-label={t("stale", { count: 2 })}>{g.stale}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Rules({ data, onChanged }: { data: ConsensusDto; onChanged: () => Promise<void> }) {
  const t = useTranslations("consensus");
  const [error, setError] = useState<ApiError | null>(null);
  const pct = (x: number) => Math.round(x * 1000) / 10;
  return (
    <form
      className="card form"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = new FormData(event.currentTarget);
        const share = (name: string) => Number(form.get(name)) / 100;
        setError(null);
        const res = await apiRequest("PUT", `/api/processes/${data.process.id}/rules`, { quorum: share("quorum"), approval: share("approval"), negatives: share("negatives") });
        if (!res.ok) return setError(res.error);
        await onChanged();
      }}
    >
      <h2>{t("rules")}</h2>
      <p className="small muted">{t("rulesHint")}</p>
      <ErrorAlert error={error} />
      <div className="form-row">
        {(["quorum", "approval", "negatives"] as const).map((key) => (
          <label key={key} className="field">
            <span className="label">{t(key)} (%)</span>
            <input type="number" name={key} min={key === "quorum" ? 1 : 0} max={100} step={0.1} defaultValue={pct(data.rules[key])} required />
          </label>
        ))}
      </div>
      <div>
        <button className="button button--secondary button--small" type="submit">
          {t("saveRules")}
        </button>
      </div>
    </form>
  );
}

function SignOffForm({ data }: { data: ConsensusDto }) {
  const t = useTranslations("consensus");
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const pending = data.clauses.filter((x) => x.status !== "consensus");
  return (
    <form
      className="card form sign-off"
      data-testid="sign-off-form"
      onSubmit={async (event) => {
        event.preventDefault();
        if (!window.confirm(t("confirmSignOff"))) return;
        const form = new FormData(event.currentTarget);
        const overrides = pending.map((x) => ({ clauseId: x.clauseId, justification: String(form.get(`j-${x.clauseId}`) ?? "") }));
        setBusy(true);
        setError(null);
        const res = await apiRequest("POST", `/api/processes/${data.process.id}/sign-off`, { overrides });
        setBusy(false);
        if (!res.ok) return setError(res.error);
        window.location.reload();
      }}
    >
      <h2>{t("signOff")}</h2>
      <p className="small muted">{t("signOffIntro")}</p>
      {pending.length ? <p className="small">{t("needsOverride")}</p> : null}
      {pending.map((x) => (
        <label key={x.clauseId} className="field">
          <span className="label">{t("justification", { number: x.number })}</span>
          <textarea name={`j-${x.clauseId}`} required minLength={10} />
        </label>
      ))}
      <ErrorAlert error={error} />
      <div>
        <button className="button" type="submit" disabled={busy} data-testid="sign-off">
          {t("signOff")}
        </button>
      </div>
    </form>
  );
}
