import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AcceptInvitation } from "@/components/AcceptInvitation";
import { GroupBadge, RoleBadge } from "@/components/Badges";
import { SignOutButton } from "@/components/SignOutButton";
import { getActor } from "@/lib/server/auth/actor";
import { getInvitationPreview } from "@/lib/server/invitations/get-invitation";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("invite"))("title"), referrer: "no-referrer" };
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [preview, actor, t] = await Promise.all([getInvitationPreview(token), getActor(), getTranslations("invite")]);
  if (!preview) {
    return (
      <div className="card narrow stack" data-testid="invite-invalid">
        <h1>{t("invalidTitle")}</h1>
        <p>{t("invalidBody")}</p>
      </div>
    );
  }
  const here = `/invite/${token}`;
  return (
    <div className="narrow stack">
      <div className="card stack" data-testid="invitation">
        <h1>{t("title")}</h1>
        <p>{t("intro", { process: preview.process.title })}</p>
        {preview.process.description ? <p className="muted small">{preview.process.description}</p> : null}
        <div className="meta">
          <RoleBadge role={preview.role} />
          <GroupBadge group={preview.group} />
          <span className="small muted">{preview.organisation}</span>
        </div>
        <p className="small muted">{t(`roleExplained.${preview.role}`)}</p>

        {preview.status !== "pending" ? (
          <div className="alert alert--error" role="alert" data-testid="invite-status">
            {t(`status.${preview.status}`)}
          </div>
        ) : !actor ? (
          <div className="stack">
            <p>{t("needAccount", { email: preview.email })}</p>
            <div className="actions">
              <Link className="button" href={`/signup?invitation=${encodeURIComponent(token)}&callbackUrl=${encodeURIComponent(here)}`}>
                {t("createAccount")}
              </Link>
              <Link className="button button--secondary" href={`/signin?callbackUrl=${encodeURIComponent(here)}&email=${encodeURIComponent(preview.email)}`}>
                {t("signIn")}
              </Link>
            </div>
          </div>
        ) : actor.email !== preview.email ? (
          <div className="stack">
            <div className="alert alert--error" role="alert">
              {t("wrongAccount", { invited: preview.email, current: actor.email })}
            </div>
            <SignOutButton />
          </div>
        ) : (
          <AcceptInvitation token={token} />
        )}
      </div>
    </div>
  );
}
