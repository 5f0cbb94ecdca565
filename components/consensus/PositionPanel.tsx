"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { apiRequest, type ApiError } from "@/lib/client/api";
import { RATIONALE_REQUIRED, STANCES, type Stance } from "@/lib/domain/consensus";
import { can } from "@/lib/domain/permissions";
import type { Role } from "@/lib/domain/roles";
import type { GroupDto } from "@/lib/server/processes/dto";
import { GroupBadge, useGroupName } from "../Badges";
import { ErrorAlert } from "../ErrorAlert";
import { useReasonText } from "./reasons";
import { useConsensus } from "./use-consensus";

/** Positions on the clause the cursor is in: status and why, everyone's positions, and mine to take or change. */
export function PositionPanel({
  processId,
  clauseId,
  role,
  userId,
  processOpen,
  groups,
}: {
  processId: string;
  clauseId: string | null;
  role: Role;
  userId: string;
  processOpen: boolean;
  groups: GroupDto[];
}) {
  const t = useTranslations("consensus");
  const groupName = useGroupName();
  const { data, refresh } = useConsensus(processId);
  const nameOf = (id: string) => {
    const g = groups.find((x) => x.id === id);
    return g ? groupName(g) : id;
  };
  const reasonText = useReasonText(nameOf);
  const [stance, setStance] = useState<Stance | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [notice, setNotice] = useState(false);
  const clause = data?.clauses.find((c) => c.clauseId === clauseId);
  if (!clauseId || !clause) return <p className="small muted" data-testid="position-panel">{t("noClause")}</p>;
  const mine = clause.positions.find((p) => p.userId === userId);
  const canTake = processOpen && can(role, "position.take");
  const chosen = stance ?? mine?.stance ?? null;
  return (
    <section className="position-panel stack" data-testid="position-panel" data-clause-id={clause.clauseId}>
      <div>
        <h3>{t("clauseAtCursor", { number: clause.number })}</h3>
        <p className={`consensus-status consensus-status--${clause.status}`} data-testid="clause-status" data-status={clause.status}>
          <span aria-hidden="true">{t(`statusIcon.${clause.status}`)}</span> {t(`status.${clause.status}`)}
          {clause.staleCount ? <span className="small muted"> · {t("stale", { count: clause.staleCount })}</span> : null}
        </p>
        <ul className="small reasons">
          {clause.reasons.map((r, i) => (
            <li key={i}>{reasonText(r)}</li>
          ))}
        </ul>
      </div>
      {canTake ? (
        <form
          className="stack"
          onSubmit={async (event) => {
            event.preventDefault();
            if (!chosen) return;
            const rationale = String(new FormData(event.currentTarget).get("rationale") ?? "");
            setError(null);
            setNotice(false);
            const res = await apiRequest("POST", `/api/processes/${processId}/positions`, { clauseId: clause.clauseId, stance: chosen, rationale });
            if (!res.ok) return setError(res.error);
            setNotice(true);
            setStance(null);
            await refresh();
          }}
        >
          <fieldset className="stances">
            <legend className="label">{t("yourPosition")}</legend>
            {mine?.stale ? (
              <p className="alert alert--error small" data-testid="stale-mine">
                {t("staleMine")}
              </p>
            ) : null}
            {!mine ? <p className="small muted">{t("none")}</p> : null}
            {STANCES.map((s) => (
              <label key={s} className={`stance stance--${s}`}>
                <input type="radio" name="stance" value={s} checked={chosen === s} onChange={() => setStance(s)} /> {t(`stance.${s}`)}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span className="label">{t("rationale")}</span>
            <textarea name="rationale" defaultValue={mine?.rationale ?? ""} key={mine?.id ?? "none"} maxLength={2000} required={!!chosen && RATIONALE_REQUIRED.has(chosen)} />
            <span className="hint">{t("rationaleHint")}</span>
          </label>
          <ErrorAlert error={error} />
          {notice ? (
            <p className="alert alert--success small" role="status">
              {t("saved")}
            </p>
          ) : null}
          <button className="button button--small" type="submit" disabled={!chosen} data-testid="take-position">
            {t("take")}
          </button>
        </form>
      ) : (
        <p className="small muted">{processOpen ? t("readOnly") : t("closed")}</p>
      )}
      <div>
        <h4>{t("positions")}</h4>
        {clause.positions.length === 0 ? <p className="small muted">{t("noPositions")}</p> : null}
        <ul className="position-list">
          {clause.positions.map((p) => {
            const group = groups.find((g) => g.id === p.groupId);
            return (
              <li key={p.id} className={p.stale ? "is-stale" : undefined} data-testid="position">
                <span className="comment__author" dir="auto">
                  {p.authorName}
                </span>{" "}
                {group ? <GroupBadge group={group} /> : null} <strong>{t(`stance.${p.stance}`)}</strong>
                {p.stale ? <span className="badge badge--warn">{t("stale", { count: 1 })}</span> : null}
                {p.rationale ? (
                  <p className="small" dir="auto">
                    {p.rationale}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
