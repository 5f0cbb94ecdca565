"use client";

import { useTranslations } from "next-intl";
import type { ApiError } from "@/lib/client/api";

const KNOWN = new Set([
  "invalid_input", "unauthenticated", "forbidden", "bad_origin", "not_found", "conflict",
  "invitation_invalid", "last_convenor", "payload_too_large", "rate_limited", "internal", "network",
]);

/** Shows a translated explanation of an API error, with the server's specifics underneath. */
export function ErrorAlert({ error }: { error: ApiError | null }) {
  const t = useTranslations("errors");
  if (!error) return null;
  const title = KNOWN.has(error.code) ? t(error.code as "internal") : t("internal");
  const showDetail = error.code !== "network" && error.code !== "internal" && error.message;
  return (
    <div className="alert alert--error" role="alert">
      <strong>{title}</strong>
      {showDetail ? <div className="small">{error.message}</div> : null}
    </div>
  );
}
