import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { VerifyForm } from "@/components/VerifyForm";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("verify"))("title") };
}

// Public: anyone holding a signed record can check it.
export default async function VerifyPage() {
  const t = await getTranslations("verify");
  return (
    <div className="stack" style={{ maxWidth: "44rem" }}>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <div className="card">
        <VerifyForm />
      </div>
    </div>
  );
}
