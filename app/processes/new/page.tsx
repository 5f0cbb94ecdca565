import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { forbidden } from "next/navigation";
import { CreateProcessForm } from "@/components/CreateProcessForm";
import { canOnInstance } from "@/lib/domain/permissions";
import { pageActor } from "@/lib/server/pages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("newProcess"))("title") };
}

export default async function NewProcessPage() {
  const actor = await pageActor("/processes/new");
  if (!canOnInstance(actor.isAdmin, "process.create")) forbidden();
  const t = await getTranslations("newProcess");
  return (
    <div className="stack" style={{ maxWidth: "40rem" }}>
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <div className="card">
        <CreateProcessForm myEmail={actor.email} />
      </div>
    </div>
  );
}
