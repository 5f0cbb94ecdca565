/**
 * Which drafts this browser keeps a copy of, in a cookie the page reads: it preloads the
 * draft's snapshot only for a browser without one, so a returning reader on a slow link
 * does not download the whole draft again alongside the page.
 */
export const LOCAL_COPIES_COOKIE = "accord_copies";
const MAX_REMEMBERED = 40;

/** The snapshot's content type: server/index.ts compresses it (brotli where the browser takes it). */
export const SNAPSHOT_CONTENT_TYPE = "application/x-yjs-update-v2";

export function snapshotPath(processId: string): string {
  return `/api/processes/${encodeURIComponent(processId)}/snapshot`;
}

export function parseLocalCopies(value: string | undefined): string[] {
  return (value ?? "").split(".").filter((id) => /^[a-z0-9]{1,40}$/.test(id));
}

export function rememberLocalCopy(processId: string): void {
  const current = document.cookie
    .split("; ")
    .find((c) => c.startsWith(`${LOCAL_COPIES_COOKIE}=`))
    ?.slice(LOCAL_COPIES_COOKIE.length + 1);
  const ids = [processId, ...parseLocalCopies(current).filter((id) => id !== processId)].slice(0, MAX_REMEMBERED);
  document.cookie = `${LOCAL_COPIES_COOKIE}=${ids.join(".")}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
}
