import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";

/** "Signed off on … by …", the record's fingerprint and its downloads. */
export async function SignedOffBanner({ processId, signOff }: { processId: string; signOff: { signedAt: string; signedBy: string; sha256: string } }) {
  const t = await getTranslations("consensus");
  const format = await getFormatter();
  const base = `/api/processes/${processId}/record?format=`;
  return (
    <section className="alert alert--success stack" data-testid="signed-off">
      <strong>{t("signedOff", { date: format.dateTime(new Date(signOff.signedAt), { dateStyle: "long", timeStyle: "short" }), name: signOff.signedBy })}</strong>
      <div className="small">
        {t("fingerprint")}: <code className="hash" data-testid="record-hash">{signOff.sha256}</code>
      </div>
      <div className="small">
        {t("download")} <a href={`${base}json`} data-testid="record-json">JSON</a> · <a href={`${base}md`}>Markdown</a> · <a href={`${base}html`}>HTML</a> ·{" "}
        <a href={`${base}docx`}>DOCX</a> · <Link href="/verify">{t("verifyLink")}</Link>
      </div>
    </section>
  );
}
