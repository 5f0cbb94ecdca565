"use client";

import { useTranslations } from "next-intl";
import { useState, useSyncExternalStore } from "react";

const noSubscription = () => () => undefined;

/** The freshly made invitation link: shown once, since only its hash is stored. */
export function InvitationLink({ token, email }: { token: string; email: string }) {
  const t = useTranslations("invitations");
  // The link must carry the address people actually use to reach this instance.
  const origin = useSyncExternalStore(noSubscription, () => window.location.origin, () => "");
  const [copied, setCopied] = useState(false);
  const url = `${origin}/invite/${token}`;
  return (
    <div className="alert alert--success stack" role="status">
      <div>
        <strong>{t("created", { email })}</strong>
        <div className="small">{t("shareOnce")}</div>
      </div>
      <div className="copy-row">
        <label className="visually-hidden" htmlFor="invitation-url">
          {t("link")}
        </label>
        <input id="invitation-url" data-testid="invitation-url" type="text" readOnly value={url} onFocus={(e) => e.currentTarget.select()} />
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={async () => {
            await navigator.clipboard?.writeText(url).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? t("copied") : t("copy")}
        </button>
      </div>
    </div>
  );
}
