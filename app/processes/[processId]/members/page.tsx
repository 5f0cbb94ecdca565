import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { MembersManager } from "@/components/MembersManager";
import { ProcessTabs } from "@/components/ProcessTabs";
import { getMemberAdmin } from "@/lib/server/members/get-member-admin";
import { loadForPage, pageActor } from "@/lib/server/pages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("members"))("title") };
}

export default async function MembersPage({ params }: { params: Promise<{ processId: string }> }) {
  const { processId } = await params;
  const actor = await pageActor(`/processes/${processId}/members`);
  const data = await loadForPage(() => getMemberAdmin(actor, processId));
  const t = await getTranslations("members");
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <p className="small">
            <Link href={`/processes/${processId}`}>{data.process.title}</Link>
          </p>
          <h1>{t("title")}</h1>
        </div>
      </div>
      <ProcessTabs processId={processId} role="convenor" current="members" />
      <MembersManager data={data} />
    </div>
  );
}
