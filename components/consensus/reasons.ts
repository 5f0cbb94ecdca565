"use client";

import { useTranslations } from "next-intl";
import type { Reason } from "@/lib/domain/consensus";

/** "Private sector: 1 of 2 needed for quorum" — why a clause has its status. */
export function useReasonText(groupName: (groupId: string) => string) {
  const t = useTranslations("consensus.reason");
  return (reason: Reason): string => {
    const group = groupName(reason.groupId);
    switch (reason.kind) {
      case "no_voters":
        return t("no_voters", { group });
      case "below_quorum":
        return t("below_quorum", { group, have: reason.have, need: reason.need });
      case "approval":
        return t("approval", { group, approval: Math.round(reason.approval * 100), required: Math.round(reason.required * 100) });
      case "negatives":
        return t("negatives", { group, share: Math.round(reason.share * 100), max: Math.round(reason.max * 100) });
      case "open_block":
        return t("open_block", { group, count: reason.count });
    }
  };
}
