import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n/locales";
import { jsonRoute } from "@/lib/server/http/route";
import { parseInput } from "@/lib/server/validation";

const schema = z.object({ locale: z.enum(LOCALES) });

export const POST = jsonRoute(async ({ body }) => {
  const { locale } = parseInput(schema, await body());
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 60 * 60, sameSite: "lax" });
  return { locale };
});
