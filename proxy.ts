import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy } from "@/lib/runtime/csp";
import { resolveAuthSecret } from "@/lib/runtime/secret";

// Pages anyone may open. Everything else redirects to sign-in when signed out.
// This only redirects: every permission is checked again where the work is done.
const PUBLIC_PAGES = [/^\/signin\/?$/, /^\/signup\/?$/, /^\/invite\/[^/]+\/?$/, /^\/verify\/?$/];
const secret = resolveAuthSecret();

export default async function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (!PUBLIC_PAGES.some((re) => re.test(pathname))) {
    const token = await getToken({ req, secret });
    if (!token) {
      const signIn = req.nextUrl.clone();
      signIn.pathname = "/signin";
      signIn.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
      return NextResponse.redirect(signIn);
    }
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(
    nonce,
    process.env.NODE_ENV !== "production",
    (process.env.NEXTAUTH_URL ?? "").startsWith("https://"),
  );
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", csp);
  return response;
}

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico|icon.svg|robots.txt|sw.js).*)"],
};
