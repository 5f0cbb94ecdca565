"use client";

export const PAGE_CACHE = "accord-pages-v1";
export const ASSET_CACHE = "accord-assets-v1";

/**
 * Lets this draft page open again without a network: registers the service worker
 * and stores this page and the scripts and styles it loaded. Edits themselves are
 * kept by IndexedDB; this only brings back the page around them.
 */
export async function primeOfflineCache(): Promise<void> {
  if (!("serviceWorker" in navigator) || !("caches" in window) || !window.isSecureContext) return;
  try {
    await navigator.serviceWorker.register("/sw.js", { scope: "/" });
    const assets = performance
      .getEntriesByType("resource")
      .map((entry) => entry.name)
      .filter((url) => url.startsWith(`${window.location.origin}/_next/static/`));
    const assetCache = await caches.open(ASSET_CACHE);
    await Promise.all(assets.map((url) => assetCache.add(url).catch(() => undefined)));
    const pageCache = await caches.open(PAGE_CACHE);
    await pageCache.add(new Request(window.location.pathname, { credentials: "same-origin" }));
  } catch {
    // Offline reopening is a convenience; the editor works without it.
  }
}

/** Called on sign-out: pages of this account must not be shown to the next one. */
export async function clearOfflineCache(): Promise<void> {
  if (!("caches" in window)) return;
  await Promise.all([caches.delete(PAGE_CACHE), caches.delete(ASSET_CACHE)]);
}
