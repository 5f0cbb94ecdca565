import "server-only";
import { forbidden, notFound, redirect } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { getActor, type Actor } from "./auth/actor";

/** For pages: the signed-in actor, or a redirect to sign-in that comes back here. */
export async function pageActor(returnTo: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  return actor;
}

/** Runs a service call for a page and turns refusals into the matching page (404 / 403). */
export async function loadForPage<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isAppError(error)) {
      if (error.code === "not_found" || error.code === "invalid_input") notFound();
      if (error.code === "forbidden") forbidden();
      if (error.code === "unauthenticated") redirect("/signin");
    }
    throw error;
  }
}
