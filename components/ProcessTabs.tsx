import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { can } from "@/lib/domain/permissions";
import type { Role } from "@/lib/domain/roles";

export async function ProcessTabs({ processId, role, current }: { processId: string; role: Role; current: "draft" | "consensus" | "members" | "activity" }) {
  const t = await getTranslations("process.tabs");
  const tConsensus = await getTranslations("consensus");
  const tabs = [
    { key: "draft" as const, href: `/processes/${processId}`, show: true },
    { key: "consensus" as const, href: `/processes/${processId}/consensus`, show: true },
    { key: "members" as const, href: `/processes/${processId}/members`, show: can(role, "members.manage") },
    { key: "activity" as const, href: `/processes/${processId}/activity`, show: can(role, "audit.view") },
  ];
  return (
    <nav className="tabs" aria-label={t("label")}>
      {tabs
        .filter((tab) => tab.show)
        .map((tab) => (
          <Link key={tab.key} href={tab.href} aria-current={tab.key === current ? "page" : undefined} data-testid={`tab-${tab.key}`}>
            {tab.key === "consensus" ? tConsensus("tab") : t(tab.key)}
          </Link>
        ))}
    </nav>
  );
}
