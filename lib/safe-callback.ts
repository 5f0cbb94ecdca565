/** Only same-site paths may be used as a post-sign-in destination (no open redirects). */
export function safeCallbackUrl(value: string | null | undefined): string {
  if (!value) return "/";
  try {
    const base = "http://accord.invalid";
    const url = new URL(value, base);
    if (url.origin !== base) {
      // next-auth hands back absolute URLs on our own origin: keep only the path.
      if (typeof window !== "undefined" && url.origin === window.location.origin) return url.pathname + url.search;
      return "/";
    }
    return url.pathname.startsWith("//") ? "/" : url.pathname + url.search + url.hash;
  } catch {
    return "/";
  }
}
