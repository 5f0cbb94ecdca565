import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/SignInForm";
import { safeCallbackUrl } from "@/lib/safe-callback";
import { getActor } from "@/lib/server/auth/actor";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth"))("signInTitle") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { callbackUrl, email } = await searchParams;
  if (await getActor()) redirect(safeCallbackUrl(callbackUrl));
  const t = await getTranslations("auth");
  return (
    <div className="narrow stack">
      <div className="card stack">
        <h1>{t("signInTitle")}</h1>
        <p className="muted">{t("signInIntro")}</p>
        <SignInForm callbackUrl={callbackUrl ?? null} defaultEmail={email} />
      </div>
    </div>
  );
}
