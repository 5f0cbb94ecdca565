import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { GroupBadge, RoleBadge } from "@/components/Badges";
import { DraftView } from "@/components/DraftView";
import { MemberDirectory } from "@/components/MemberDirectory";
import { ProcessTabs } from "@/components/ProcessTabs";
import { DRAFT_LANGUAGES, RTL_LANGUAGES } from "@/lib/domain/languages";
import { getProcessOverview } from "@/lib/server/processes/get-process-overview";
import { loadForPage, pageActor } from "@/lib/server/pages";

type Props = { params: Promise<{ processId: string }> };

// Metadata and page share one load per request.
const loadOverview = cache(async (processId: string) => {
  const actor = await pageActor(`/processes/${processId}`);
  return loadForPage(() => getProcessOverview(actor, processId));
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const overview = await loadOverview((await params).processId);
  return { title: overview.process.title };
}

export default async function ProcessPage({ params }: Props) {
  const overview = await loadOverview((await params).processId);
  const t = await getTranslations("process");
  const { process, me, groups, members } = overview;
  const myGroup = groups.find((g) => g.id === me.groupId);
  const language = DRAFT_LANGUAGES[process.language as keyof typeof DRAFT_LANGUAGES] ?? process.language;
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1 dir="auto">{process.title}</h1>
          <div className="meta" data-testid="my-membership">
            <span className="small muted">{t("youAre")}</span>
            <RoleBadge role={me.role} />
            {myGroup ? <GroupBadge group={myGroup} /> : null}
            <span className="badge badge--status">{process.status === "signed_off" ? t("status.signedOff") : t("status.drafting")}</span>
            <span className="small muted">{t("draftLanguage", { language })}</span>
          </div>
        </div>
      </div>
      {process.description ? (
        <p className="muted" dir="auto">
          {process.description}
        </p>
      ) : null}
      <ProcessTabs processId={process.id} role={me.role} current="draft" />
      <div className="process-layout">
        <nav className="outline card" aria-label={t("outline")}>
          <details open>
            <summary className="label">{t("outline")}</summary>
            {overview.outline.length === 0 ? (
              <p className="small muted">{t("outlineEmpty")}</p>
            ) : (
              <ol lang={process.language} dir={RTL_LANGUAGES.has(process.language) ? "rtl" : "ltr"}>
                {overview.outline.map((s) => (
                  <li key={s.clauseId}>
                    <a href={`#clause-${s.clauseId}`}>
                      <span className="section-number">{s.number}</span>
                      <span>{s.text}</span>
                    </a>
                  </li>
                ))}
              </ol>
            )}
          </details>
        </nav>
        <section className="card" aria-labelledby="draft-heading">
          <h2 id="draft-heading" className="visually-hidden">
            {t("draft")}
          </h2>
          <p className="alert alert--info small">{t("readOnlyNotice", { count: overview.clauseCount })}</p>
          <DraftView doc={overview.draft} numbers={overview.clauseNumbers} language={process.language} emptyLabel={t("draftEmpty")} />
        </section>
        <aside className="card" aria-labelledby="members-heading">
          <h2 id="members-heading">{t("membersHeading", { count: members.length })}</h2>
          <MemberDirectory groups={groups} members={members} />
        </aside>
      </div>
    </div>
  );
}
