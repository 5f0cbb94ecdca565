import { createServer, type Server } from "node:http";
import next from "next";
import { stampClientAddress } from "@/lib/runtime/client-address";

export interface StartedServer {
  server: Server;
  port: number;
  close: () => Promise<void>;
}

/**
 * The single Accord process: Next (pages, API) on one port. The collaboration
 * server attaches to the same HTTP server's upgrade event.
 */
export async function startServer(options: { port: number; hostname?: string; dir: string }): Promise<StartedServer> {
  const app = next({ dev: false, dir: options.dir, hostname: options.hostname, port: options.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const trustProxy = process.env.ACCORD_TRUST_PROXY === "1";
  const server = createServer((req, res) => {
    stampClientAddress(req, trustProxy);
    void handle(req, res);
  });
  // Slow links: keep idle connections long enough for a page's follow-up requests.
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.hostname, () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
