import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { COMMON_HEADERS } from "./lib/runtime/common-headers";

const withNextIntl = createNextIntlPlugin("./i18n/request.ts");

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The server compresses (brotli or gzip, server/index.ts); Next's own would be gzip only.
  compress: false,
  // Lets the build run next to a running server without clobbering its .next.
  distDir: process.env.ACCORD_DIST_DIR || ".next",
  experimental: { authInterrupts: true },
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "@prisma/adapter-pg"],
  async headers() {
    return [
      { source: "/:path*", headers: [...COMMON_HEADERS] },
      {
        source: "/api/:path*",
        headers: [
          { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" },
          { key: "Cache-Control", value: "no-store" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
