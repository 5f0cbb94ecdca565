import "server-only";
import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { requireActor, type Actor } from "../auth/actor";
import { errorResponse } from "./respond";

const MAX_BODY_BYTES = 64 * 1024;

/**
 * Refuses state-changing requests that a browser sent from another site. Browsers
 * always send Origin (or Sec-Fetch-Site) on such requests; a request with neither
 * comes from a non-browser client, which cannot ride a user's cookies anyway.
 */
export function assertSameOrigin(req: Request): void {
  const origin = req.headers.get("origin");
  const fetchSite = req.headers.get("sec-fetch-site");
  if (origin) {
    const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host;
    } catch {
      originHost = null;
    }
    if (!host || originHost !== host) throw new AppError("bad_origin", "Cross-site requests are not accepted.");
    return;
  }
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none") {
    throw new AppError("bad_origin", "Cross-site requests are not accepted.");
  }
}

export async function readJson(req: Request): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new AppError("payload_too_large", "The request body is too large.");
  const text = await req.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new AppError("payload_too_large", "The request body is too large.");
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError("invalid_input", "The request body is not valid JSON.");
  }
}

interface HandlerArgs<P> {
  req: Request;
  params: P;
  /** Resolves the signed-in actor or throws 401. */
  actor: () => Promise<Actor>;
  body: () => Promise<unknown>;
}

/**
 * Wraps a route handler: origin check for writes, uniform JSON errors, JSON
 * result. Authorisation is not done here — the service function does it.
 */
export function jsonRoute<P = Record<string, never>>(
  handler: (args: HandlerArgs<P>) => Promise<unknown>,
  options: { status?: number } = {},
) {
  return async (req: Request, ctx: { params: Promise<P> }): Promise<Response> => {
    try {
      if (req.method !== "GET" && req.method !== "HEAD") assertSameOrigin(req);
      const params = await ctx.params;
      const result = await handler({ req, params, actor: requireActor, body: () => readJson(req) });
      if (result === undefined) return new NextResponse(null, { status: 204 });
      return NextResponse.json(result, { status: options.status ?? 200 });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
