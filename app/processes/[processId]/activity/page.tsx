import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { ProcessTabs } from "@/components/ProcessTabs";
import { listProcessAudit } from "@/lib/server/audit/list-process-audit";
import { loadForPage, pageActor } from "@/lib/server/pages";
import { getProcessOverview } from "@/lib/server/processes/get-process-overview";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("activity"))("title") };
}

const KNOWN_ACTIONS = new Set([
  "process.created", "member.appointed_convenor", "member.seeded", "member.updated", "member.removed",
  "invitation.created", "invitation.revoked", "invitation.superseded", "invitation.accepted", "group.added", "comment.hidden",
  "position.taken", "position.dispositioned", "consensus.rules_updated", "process.signed_off",
]);

export default async function ActivityPage({ params }: { params: Promise<{ processId: string }> }) {
  const { processId } = await params;
  const actor = await pageActor(`/processes/${processId}/activity`);
  const events = await loadForPage(() => listProcessAudit(actor, processId));
  const { process } = await getProcessOverview(actor, processId);
  const t = await getTranslations("activity");
  const format = await getFormatter();
  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <p className="small">
            <Link href={`/processes/${processId}`}>{process.title}</Link>
          </p>
          <h1>{t("title")}</h1>
        </div>
      </div>
      <ProcessTabs processId={processId} role="convenor" current="activity" />
      <div className="card stack">
        <p className="muted small">{t("intro")}</p>
        <ol className="audit-list" data-testid="audit-list">
          {events.map((e) => (
            <li key={e.seq}>
              <span>
                <strong>{KNOWN_ACTIONS.has(e.action) ? t(`actions.${e.action}` as "actions.process.created") : e.action}</strong>
                {" · "}
                {e.actorName ?? t("system")}
              </span>
              <span className="small muted">
                #{e.seq} · {format.dateTime(new Date(e.createdAt), { dateStyle: "medium", timeStyle: "short" })} UTC
              </span>
              <span className="hash">{e.hash}</span>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}
