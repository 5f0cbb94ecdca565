/** Languages a draft can be written in (BCP 47). Labels are shown in their own language. */
export const DRAFT_LANGUAGES = {
  en: "English",
  fr: "Français",
  ar: "العربية",
  es: "Español",
  pt: "Português",
  sw: "Kiswahili",
  hi: "हिन्दी",
  id: "Bahasa Indonesia",
  ru: "Русский",
  zh: "中文",
} as const;
export type DraftLanguage = keyof typeof DRAFT_LANGUAGES;
export const DRAFT_LANGUAGE_CODES = Object.keys(DRAFT_LANGUAGES) as [DraftLanguage, ...DraftLanguage[]];
export const RTL_LANGUAGES = new Set<string>(["ar"]);
