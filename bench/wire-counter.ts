// A TCP pass-through in front of the app that counts the bytes the server sends, so
// "initial sync on the wire" means compressed frames as they crossed the socket.
import { createServer, connect, type Server } from "node:net";

export interface WireCounter {
  port: number;
  /** Bytes sent to the browser on collaboration websockets / on every connection. */
  bytes: () => { collab: number; all: number };
  reset: () => void;
  close: () => Promise<void>;
}

export async function startWireCounter(targetPort: number): Promise<WireCounter> {
  let collab = 0;
  let all = 0;
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, "127.0.0.1");
    let isCollab: boolean | null = null;
    client.on("data", (chunk: Buffer) => {
      isCollab ??= chunk.subarray(0, 16).toString("latin1").startsWith("GET /collab/");
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      all += chunk.length;
      if (isCollab) collab += chunk.length;
      client.write(chunk);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    bytes: () => ({ collab, all }),
    reset: () => {
      collab = 0;
      all = 0;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
