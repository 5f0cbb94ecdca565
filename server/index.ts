import { createServer, type Server } from "node:http";
import next from "next";
import { collabServerFromEnv } from "@/collab/from-env";
import { stampClientAddress } from "@/lib/runtime/client-address";

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
  const server = createServer((req, res) => {
    stampClientAddress(req, trustProxy);
    void handle(req, res);
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
