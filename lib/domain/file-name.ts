/** A file-name-safe slug of a title (ASCII letters and digits, at most 40 characters). */
export function fileSlug(title: string, fallback: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 40) || fallback;
}
