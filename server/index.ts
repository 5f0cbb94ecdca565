import { createServer, type Server } from "node:http";
import next from "next";
import { createCollabServer } from "@/collab/server";
import { collabKey } from "@/lib/collab/token";
import { createDb } from "@/lib/db/client";
import { databaseUrl } from "@/lib/db/config";
import { stampClientAddress } from "@/lib/runtime/client-address";
import { resolveAuthSecret } from "@/lib/runtime/secret";

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

  const collab = await createCollabServer({
    db: createDb(databaseUrl()),
    key: collabKey(resolveAuthSecret()),
    allowedOrigins: [process.env.NEXTAUTH_URL, ...(process.env.ACCORD_ALLOWED_ORIGINS ?? "").split(",")].filter((o): o is string => !!o),
    redisUrl: process.env.REDIS_URL || undefined,
    membershipCheckMs: Number(process.env.ACCORD_MEMBERSHIP_CHECK_MS || 2000),
  });
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
