import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/server/auth/actor";
import { LocaleSwitcher } from "./LocaleSwitcher";
import { SignOutButton } from "./SignOutButton";

export async function SiteHeader({ actor }: { actor: Actor | null }) {
  const t = await getTranslations("nav");
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link href="/" className="brand">
          <span className="brand__mark" aria-hidden="true">
            A
          </span>
          Accord
        </Link>
        {actor ? (
          <nav className="site-nav" aria-label={t("main")}>
            <Link href="/">{t("dashboard")}</Link>
            {actor.isAdmin ? <Link href="/processes/new">{t("newProcess")}</Link> : null}
          </nav>
        ) : null}
        <div className="site-header__end">
          <LocaleSwitcher />
          {actor ? (
            <>
              <span className="user-chip" data-testid="signed-in-as">
                {t("signedInAs", { name: actor.name })}
              </span>
              <SignOutButton />
            </>
          ) : (
            <Link href="/signin">{t("signIn")}</Link>
          )}
        </div>
      </div>
    </header>
  );
}
