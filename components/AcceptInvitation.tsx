"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { apiRequest, type ApiError } from "@/lib/client/api";
import { ErrorAlert } from "./ErrorAlert";

export function AcceptInvitation({ token }: { token: string }) {
  const t = useTranslations("invite");
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="stack">
      <ErrorAlert error={error} />
      <button
        type="button"
        className="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          const res = await apiRequest<{ processId: string }>("POST", "/api/invitations/accept", { token });
          setBusy(false);
          if (!res.ok) return setError(res.error);
          router.push(`/processes/${res.data.processId}`);
          router.refresh();
        }}
      >
        {busy ? t("joining") : t("accept")}
      </button>
    </div>
  );
}
