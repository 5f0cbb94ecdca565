import type { IncomingMessage } from "node:http";

/**
 * The Accord server sets this header on every request from the socket address (or,
 * with ACCORD_TRUST_PROXY=1, from the first X-Forwarded-For hop). Whatever a client
 * sends under this name is overwritten, so it cannot be used to dodge rate limits.
 */
export const CLIENT_ADDRESS_HEADER = "x-accord-client-address";

export function stampClientAddress(req: IncomingMessage, trustProxy: boolean): void {
  const forwarded = req.headers["x-forwarded-for"];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
  req.headers[CLIENT_ADDRESS_HEADER] = (trustProxy && first) || req.socket.remoteAddress || "unknown";
}
