// `npm run collab`: the collaboration server on its own, for running several
// instances behind a load balancer (with REDIS_URL). `npm start` serves it at /collab
// of the app's own port instead.
import "dotenv/config";
import { createServer } from "node:http";
import { collabServerFromEnv } from "./from-env";

async function main(): Promise<void> {
  const port = Number(process.env.COLLAB_PORT || 3001);
  const collab = await collabServerFromEnv();
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
