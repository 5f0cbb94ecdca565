import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { GroupBadge, RoleBadge } from "@/components/Badges";
import { listInstanceProcesses } from "@/lib/server/processes/list-instance-processes";
import { listMyProcesses } from "@/lib/server/processes/list-my-processes";
import { pageActor } from "@/lib/server/pages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("dashboard"))("title") };
}

export default async function DashboardPage() {
  const actor = await pageActor("/");
  const t = await getTranslations("dashboard");
  const format = await getFormatter();
  const [mine, all] = await Promise.all([
    listMyProcesses(actor),
    actor.isAdmin ? listInstanceProcesses(actor) : Promise.resolve(null),
  ]);
  return (
    <div className="stack">
      <div className="page-head">
        <h1>{t("title")}</h1>
        {actor.isAdmin ? (
          <div className="page-head__actions">
            <Link className="button" href="/processes/new">
              {t("newProcess")}
            </Link>
          </div>
        ) : null}
      </div>

      <section aria-labelledby="my-processes">
        <h2 id="my-processes">{t("myProcesses")}</h2>
        {mine.length === 0 ? (
          <div className="card">
            <p>{t("empty")}</p>
            <p className="muted small">{t("emptyHint")}</p>
          </div>
        ) : (
          <ul className="process-list" data-testid="my-processes">
            {mine.map((p) => (
              <li key={p.id} className="card process-card" data-testid="process-card">
                <h2 dir="auto">
                  <Link href={`/processes/${p.id}`}>{p.title}</Link>
                </h2>
                <div className="meta">
                  <RoleBadge role={p.role} />
                  <GroupBadge group={p.group} />
                  {p.status === "signed_off" ? <span className="badge badge--status">{t("signedOff")}</span> : null}
                </div>
                <p className="small muted">
                  {p.organisation} · {t("members", { count: p.memberCount })} ·{" "}
                  {t("updated", { date: format.dateTime(new Date(p.updatedAt), { dateStyle: "medium" }) })}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {all ? (
        <section aria-labelledby="all-processes" className="card">
          <h2 id="all-processes">{t("allProcesses")}</h2>
          <p className="muted small">{t("allProcessesHint")}</p>
          {all.length === 0 ? (
            <p>{t("noProcesses")}</p>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("columns.title")}</th>
                  <th scope="col">{t("columns.convenors")}</th>
                  <th scope="col">{t("columns.members")}</th>
                  <th scope="col">{t("columns.created")}</th>
                </tr>
              </thead>
              <tbody>
                {all.map((p) => (
                  <tr key={p.id}>
                    <td data-label={t("columns.title")}>{p.title}</td>
                    <td data-label={t("columns.convenors")}>
                      {[...p.convenors, ...p.pendingConvenorInvitations.map((email) => t("invited", { email }))].join(", ") ||
                        t("noConvenor")}
                    </td>
                    <td data-label={t("columns.members")}>{p.memberCount}</td>
                    <td data-label={t("columns.created")}>{format.dateTime(new Date(p.createdAt), { dateStyle: "medium" })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      ) : null}
    </div>
  );
}
