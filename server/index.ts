import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { constants as zlibConstants } from "node:zlib";
import compression from "compression";
import next from "next";
import path from "node:path";
import { collabServerFromEnv } from "@/collab/from-env";
import { COMMON_HEADERS } from "@/lib/runtime/common-headers";
import { PRECOMPRESSED_HEADER } from "@/lib/runtime/content-encoding";
import { precompressedAssetServer } from "@/lib/runtime/precompressed-assets";
import { stampClientAddress } from "@/lib/runtime/client-address";
import { SNAPSHOT_CONTENT_TYPE } from "@/lib/collab/local-copies";

export interface StartedServer {
  server: Server;
  port: number;
  close: () => Promise<void>;
}

/**
 * The single Accord process: Next (pages, API) and the collaboration server
 * (websockets at /collab/<process id>) on one port.
 */
export async function startServer(options: { port: number; hostname?: string; dir: string }): Promise<StartedServer> {
  const app = next({ dev: false, dir: options.dir, hostname: options.hostname, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const trustProxy = process.env.ACCORD_TRUST_PROXY === "1";
  // Brotli where the browser takes it (every current one), else gzip; Next's own is gzip
  // only. A draft page carries its text twice (HTML and the React payload), a few
  // hundred KB apart: gzip's 32 KB window cannot see the repeat, brotli's 4 MB can.
  // Measured on a 50,000-word draft in docs/benchmarks.md.
  const compress = compression({
    threshold: 1024,
    brotli: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 } },
    filter: (req, res) => {
      // A body the route compressed itself passes through (Next drops a route's own Content-Encoding).
      const precompressed = res.getHeader(PRECOMPRESSED_HEADER);
      if (precompressed === "br") {
        res.removeHeader(PRECOMPRESSED_HEADER);
        res.setHeader("Content-Encoding", "br");
        return true;
      }
      // Draft snapshots are binary but compress like text.
      return String(res.getHeader("content-type")).startsWith(SNAPSHOT_CONTENT_TYPE) || compression.filter(req, res);
    },
  }) as unknown as (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  // Scripts and stylesheets compressed once at the highest level, where `npm start` made them.
  const serveAsset = precompressedAssetServer(path.resolve(options.dir, process.env.ACCORD_DIST_DIR || ".next"), COMMON_HEADERS);
  const server = createServer((req, res) => {
    stampClientAddress(req, trustProxy);
    if (serveAsset(req, res)) return;
    compress(req, res, () => void handle(req, res));
  });
  // Slow links: keep idle connections long enough for a page's follow-up requests.
  server.keepAliveTimeout = 65_000;

  const collab = await collabServerFromEnv();
  server.on("upgrade", (req, socket, head) => {
    if (req.url?.startsWith("/collab/")) collab.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    server,
    port,
    // Store every pending edit first, then stop taking requests.
    close: async () => {
      await collab.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
