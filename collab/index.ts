// `npm run collab`: the collaboration server on its own, for running several
// instances behind a load balancer (with REDIS_URL). `npm start` serves it at /collab
// of the app's own port instead.
import "dotenv/config";
import { createServer } from "node:http";
import { createDb } from "@/lib/db/client";
import { databaseUrl } from "@/lib/db/config";
import { collabKey } from "@/lib/collab/token";
import { resolveAuthSecret } from "@/lib/runtime/secret";
import { createCollabServer } from "./server";

async function main(): Promise<void> {
  const port = Number(process.env.COLLAB_PORT || 3001);
  const collab = await createCollabServer({
    db: createDb(databaseUrl()),
    key: collabKey(resolveAuthSecret()),
    allowedOrigins: [process.env.NEXTAUTH_URL, ...(process.env.ACCORD_ALLOWED_ORIGINS ?? "").split(",")].filter((o): o is string => !!o),
    redisUrl: process.env.REDIS_URL || undefined,
    membershipCheckMs: Number(process.env.ACCORD_MEMBERSHIP_CHECK_MS || 2000),
  });
  const server = createServer((req, res) => {
    const { rooms, connections } = collab.stats();
    res.writeHead(req.url === "/healthz" ? 200 : 404, { "content-type": "application/json" });
    res.end(JSON.stringify(req.url === "/healthz" ? { ok: true, rooms, connections } : { error: { code: "not_found", message: "websocket endpoint is /collab/<document>" } }));
  });
  server.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
  server.listen(port, () => {
    const address = server.address();
    console.log(`[collab] listening on ${typeof address === "object" && address ? address.port : port}`);
  });
  const stop = async () => {
    await collab.close();
    server.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((error: unknown) => {
  console.error("[collab] could not start:", error);
  process.exit(1);
});
