import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { cookies } from "next/headers";
import { cache } from "react";
import { preload } from "react-dom";
import { GroupBadge, RoleBadge } from "@/components/Badges";
import { DraftView } from "@/components/DraftView";
import { LiveDraft } from "@/components/editor/LiveDraft";
import { MemberDirectory } from "@/components/MemberDirectory";
import { ProcessTabs } from "@/components/ProcessTabs";
import { SignedOffBanner } from "@/components/consensus/SignedOffBanner";
import { StaticOutline } from "@/components/StaticOutline";
import { caretColour } from "@/lib/collab/identity";
import { LOCAL_COPIES_COOKIE, parseLocalCopies, snapshotPath } from "@/lib/collab/local-copies";
import { DRAFT_LANGUAGES } from "@/lib/domain/languages";
import { can } from "@/lib/domain/permissions";
import { issueCollabSession } from "@/lib/server/collab/issue-collab-session";
import { getProcessOverview } from "@/lib/server/processes/get-process-overview";
import { loadForPage, pageActor } from "@/lib/server/pages";

type Props = { params: Promise<{ processId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

// While the editor loads, the page shows this many top-level blocks of the draft (a few
// screens): sending a long draft's whole text in the page, and again in React's payload,
// delays the editor on a slow link (docs/benchmarks.md). `?view=text` shows all of it.
const FIRST_BLOCKS = 24;

// Metadata and page share one load per request.
const load = cache(async (processId: string) => {
  const actor = await pageActor(`/processes/${processId}`);
  return { actor, overview: await loadForPage(() => getProcessOverview(actor, processId)) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { overview } = await load((await params).processId);
  return { title: overview.process.title };
}

export default async function ProcessPage({ params, searchParams }: Props) {
  const { actor, overview } = await load((await params).processId);
  const textView = (await searchParams).view === "text";
  // A browser without a copy of this draft fetches its text alongside the scripts (see
  // LOCAL_COPIES_COOKIE); the editor picks the response up instead of asking again.
  const copies = parseLocalCopies((await cookies()).get(LOCAL_COPIES_COOKIE)?.value);
  if (!textView && !copies.includes(overview.process.id)) preload(snapshotPath(overview.process.id), { as: "fetch", crossOrigin: "anonymous" });
  const t = await getTranslations("process");
  const tGroups = await getTranslations("groups");
  const { process, me, groups, members } = overview;
  const myGroup = groups.find((g) => g.id === me.groupId)!;
  const language = DRAFT_LANGUAGES[process.language as keyof typeof DRAFT_LANGUAGES] ?? process.language;
  const groupNames = { government: tGroups("government"), private_sector: tGroups("private_sector"), civil_society: tGroups("civil_society") };
  const memberDirectory = (
    <div>
      <h2 className="sidebar__title">{t("membersHeading", { count: members.length })}</h2>
      <MemberDirectory groups={groups} members={members} />
    </div>
  );
  // What the page shows before (or without) JavaScript: the server-rendered draft.
  const fallback = (
    <div className="process-layout process-layout--live">
      <StaticOutline outline={overview.outline} language={process.language} />
      <section className="card" aria-labelledby="draft-heading">
        <h2 id="draft-heading" className="visually-hidden">
          {t("draft")}
        </h2>
        {textView ? (
          <p className="small muted" data-testid="text-view">
            {t("textView")} <a href="?">{t("backToEditor")}</a>
          </p>
        ) : null}
        <DraftView
          doc={overview.draft}
          numbers={overview.clauseNumbers}
          language={process.language}
          emptyLabel={t("draftEmpty")}
          firstBlocks={textView ? undefined : FIRST_BLOCKS}
          more={
            <p className="small muted draft-more" data-testid="draft-continues">
              {t("draftContinues")} <a href="?view=text">{t("readAsText")}</a>
            </p>
          }
        />
      </section>
      <aside className="card sidebar">{memberDirectory}</aside>
    </div>
  );
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1 dir="auto">{process.title}</h1>
          <div className="meta" data-testid="my-membership">
            <span className="small muted">{t("youAre")}</span>
            <RoleBadge role={me.role} />
            <GroupBadge group={myGroup} />
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
      {overview.signOff ? <SignedOffBanner processId={process.id} signOff={overview.signOff} /> : null}
      {textView ? (
        fallback
      ) : (
        <LiveDraft
          processId={process.id}
          role={me.role}
          processOpen={process.status !== "signed_off"}
          groups={groups}
          members={memberDirectory}
          canEdit={can(me.role, "draft.edit") && process.status !== "signed_off"}
          language={process.language}
          groupNames={groupNames}
          identity={{
            userId: actor.id,
            name: actor.name,
            color: caretColour(actor.id),
            role: me.role,
            group: { id: myGroup.id, key: myGroup.key, name: myGroup.name, colour: myGroup.colour },
          }}
          fallback={fallback}
          initialSession={await issueCollabSession(actor, process.id)}
        />
      )}
    </div>
  );
}
