import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ConsensusDashboard } from "@/components/consensus/ConsensusDashboard";
import { SignedOffBanner } from "@/components/consensus/SignedOffBanner";
import { ProcessTabs } from "@/components/ProcessTabs";
import { getConsensus } from "@/lib/server/consensus/get-consensus";
import { loadForPage, pageActor } from "@/lib/server/pages";
import { getProcessOverview } from "@/lib/server/processes/get-process-overview";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("consensus"))("title") };
}

export default async function ConsensusPage({ params }: { params: Promise<{ processId: string }> }) {
  const { processId } = await params;
  const actor = await pageActor(`/processes/${processId}/consensus`);
  const [overview, consensus] = await Promise.all([
    loadForPage(() => getProcessOverview(actor, processId)),
    loadForPage(() => getConsensus(actor, processId)),
  ]);
  const t = await getTranslations("consensus");
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <p className="small">
            <Link href={`/processes/${processId}`}>{overview.process.title}</Link>
          </p>
          <h1>{t("title")}</h1>
        </div>
      </div>
      <ProcessTabs processId={processId} role={overview.me.role} current="consensus" />
      {consensus.signOff ? <SignedOffBanner processId={processId} signOff={consensus.signOff} /> : null}
      <ConsensusDashboard initial={consensus} isConvenor={overview.me.role === "convenor"} />
    </div>
  );
}
