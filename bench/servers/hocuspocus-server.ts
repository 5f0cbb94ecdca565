// Stock @hocuspocus/server 3.4.4 for the benchmark: no extensions, documents in memory.
import { Server } from "@hocuspocus/server";

const server = new Server({ port: Number(process.env.PORT), address: "127.0.0.1", quiet: true });
server.listen().then(
  () => console.log(`[hocuspocus] listening on ${process.env.PORT}`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
