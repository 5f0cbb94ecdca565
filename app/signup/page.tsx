import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { SignUpForm } from "@/components/SignUpForm";
import { getActor } from "@/lib/server/auth/actor";
import { getInvitationPreview } from "@/lib/server/invitations/get-invitation";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("signUpTitle") };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { callbackUrl, invitation } = await searchParams;
  if (await getActor()) redirect("/");
  const t = await getTranslations("auth");
  // Arriving from an invitation: the account must use the invited address.
  const preview = invitation ? await getInvitationPreview(invitation) : null;
  const lockedEmail = preview?.status === "pending" ? preview.email : undefined;
  return (
    <div className="narrow stack">
      <div className="card stack">
        <h1>{t("signUpTitle")}</h1>
        <p className="muted">{t("signUpIntro")}</p>
        <SignUpForm callbackUrl={callbackUrl ?? null} lockedEmail={lockedEmail} />
      </div>
    </div>
  );
}
