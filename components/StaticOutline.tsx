import { useTranslations } from "next-intl";
import { RTL_LANGUAGES } from "@/lib/domain/languages";

/** The server-rendered outline shown before the live editor takes over (and without JavaScript). */
export function StaticOutline({
  outline,
  language,
}: {
  outline: Array<{ clauseId: string; number: string; text: string }>;
  language: string;
}) {
  const t = useTranslations("process");
  return (
    <nav className="outline card" aria-label={t("outline")}>
      <details open>
        <summary className="label">{t("outline")}</summary>
        {outline.length === 0 ? (
          <p className="small muted">{t("outlineEmpty")}</p>
        ) : (
          <ol lang={language} dir={RTL_LANGUAGES.has(language) ? "rtl" : "ltr"}>
            {outline.map((s) => (
              <li key={s.clauseId}>
                <a href={`#clause-${s.clauseId}`}>
                  <span className="section-number">{s.number}</span>
                  <span>{s.text}</span>
                </a>
              </li>
            ))}
          </ol>
        )}
      </details>
    </nav>
  );
}
