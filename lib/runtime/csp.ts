/**
 * The page Content-Security-Policy. Scripts run only with this request's nonce
 * (Next adds it to its own script tags); no eval outside development.
 */
export function contentSecurityPolicy(nonce: string, dev: boolean, secureTransport: boolean): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // React writes style attributes (group colours); they cannot carry a nonce.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    // The offline service worker (/sw.js); 'strict-dynamic' would otherwise ignore 'self'.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (secureTransport) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}
