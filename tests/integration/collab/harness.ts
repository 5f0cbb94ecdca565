import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { createCollabServer, type CollabServer, type CollabServerOptions } from "@/collab/server";
import { DOC_FIELD } from "@/lib/collab/doc-json-field";
import { acceptCompactSync, compactSyncParams } from "@/lib/collab/compact-sync";
import { MESSAGE_EVENT, MESSAGE_PERSISTED, readClockMap } from "@/lib/collab/protocol";
import { collabKey, signCollabToken } from "@/lib/collab/token";
import type { Role } from "@/lib/domain/roles";
import type { Actor } from "@/lib/server/auth/actor";
import { db } from "@/lib/server/db";

export const SECRET = "integration-test-secret-0123456789abcdef";
export const KEY = collabKey(SECRET);

export interface Running {
  url: string;
  port: number;
  collab: CollabServer;
  http: Server;
  stop: () => Promise<void>;
}

/** A real collaboration server on an ephemeral port, backed by the test database. */
export async function startCollab(options: Partial<CollabServerOptions> = {}): Promise<Running> {
  const collab = await createCollabServer({ db, key: KEY, membershipCheckMs: 200, idleUnloadMs: 200, deriveEveryMs: 50, log: () => undefined, ...options });
  const http = createServer((_req, res) => res.end());
  http.on("upgrade", (req, socket, head) => collab.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const port = (http.address() as AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}/collab`,
    port,
    collab,
    http,
    stop: async () => {
      await collab.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

export async function tokenFor(actor: Actor, processId: string, role: Role = "editor", nowSeconds = Math.floor(Date.now() / 1000)): Promise<string> {
  const m = await db.membership.findFirst({ where: { processId, userId: actor.id } });
  return signCollabToken({ doc: processId, uid: actor.id, role: (m?.role as Role) ?? role, gid: m?.groupId ?? "none", name: actor.name }, KEY, nowSeconds);
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  closes: number[];
  /** Highest stored clock the server acknowledged, per client id. */
  persisted: Map<number, number>;
  fragment: Y.XmlFragment;
  destroy: () => void;
}

/** A Node Yjs client speaking the y-websocket protocol, as the browser editor does. */
export function connect(url: string, processId: string, token: string, options: { connect?: boolean; compactSync?: boolean } = {}): Client {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, processId, doc, {
    params: options.compactSync ? { token, ...compactSyncParams(true) } : { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
    maxBackoffTime: 300,
  });
  const closes: number[] = [];
  const persisted = new Map<number, number>();
  provider.on("connection-close", (event) => {
    if (event) closes.push(event.code);
  });
  if (options.compactSync) acceptCompactSync(provider);
  // Change notices (comments, consensus) are ignored unless a test listens for them.
  provider.messageHandlers[MESSAGE_EVENT] = () => undefined;
  provider.messageHandlers[MESSAGE_PERSISTED] = (_encoder, decoder: decoding.Decoder) => {
    for (const [client, clock] of readClockMap(decoder)) persisted.set(client, Math.max(clock, persisted.get(client) ?? 0));
  };
  return {
    doc,
    provider,
    closes,
    persisted,
    fragment: doc.getXmlFragment(DOC_FIELD),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 8000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function synced(client: Client): Promise<void> {
  await until(() => client.provider.synced, "client synced");
}

/** The XmlText of the n-th top-level paragraph (list items excluded). */
export function paragraphText(client: Client, index: number): Y.XmlText {
  const paragraphs = client.fragment.toArray().filter((n): n is Y.XmlElement => n instanceof Y.XmlElement && n.nodeName === "paragraph");
  const text = paragraphs[index]?.get(0);
  if (!(text instanceof Y.XmlText)) throw new Error(`paragraph ${index} has no text`);
  return text;
}

export function plainText(client: Client | Y.Doc): string {
  const doc = client instanceof Y.Doc ? client : client.doc;
  return doc.getXmlFragment(DOC_FIELD).toString();
}

/** The document as stored: snapshot plus log, applied to a fresh Y.Doc. */
export async function storedDoc(processId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const snapshot = await db.docSnapshot.findUnique({ where: { processId } });
  if (snapshot) Y.applyUpdate(doc, snapshot.state);
  const rows = await db.docUpdate.findMany({ where: { processId, seq: { gt: snapshot?.upToSeq ?? 0 } }, orderBy: { seq: "asc" } });
  for (const row of rows) Y.applyUpdate(doc, row.data);
  return doc;
}

/** A raw websocket, for sending frames no well-behaved client would. */
export function rawSocket(url: string, processId: string, token: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(`${url}/${processId}?token=${encodeURIComponent(token)}`, { headers });
  const received: Buffer[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on("close", (code, reason) => resolve({ code, reason: reason.toString() })));
  ws.on("message", (data: Buffer) => received.push(data));
  ws.on("error", () => undefined);
  const opened = new Promise<void>((resolve, reject) => {
    ws.on("open", () => resolve());
    ws.on("close", () => reject(new Error("closed before open")));
  });
  return { ws, received, closed, opened };
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export interface Spawned {
  url: string;
  port: number;
  output: () => string;
  /** SIGKILL: no flush, no goodbye. */
  kill: () => Promise<void>;
  stop: () => Promise<void>;
}

/** `npm run collab` as a separate OS process, so it can really be killed. */
export async function spawnCollab(port: number, env: Record<string, string> = {}): Promise<Spawned> {
  const { spawn } = await import("node:child_process");
  const path = await import("node:path");
  const root = path.resolve(import.meta.dirname, "..", "..", "..");
  // One OS process (the server bundled at start, as `npm run collab` runs it), so SIGKILL really kills the server.
  const child = spawn(process.execPath, [path.join(root, "scripts", "collab.mjs")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      COLLAB_PORT: String(port),
      NEXTAUTH_SECRET: SECRET,
      ACCORD_MEMBERSHIP_CHECK_MS: "200",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr.on("data", (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  await until(() => log.includes("[collab] listening") || child.exitCode !== null, "collaboration server process started", 20_000);
  if (child.exitCode !== null) throw new Error(`collab server exited: ${log}`);
  return {
    url: `ws://127.0.0.1:${port}/collab`,
    port,
    output: () => log,
    kill: async () => {
      child.kill("SIGKILL");
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

export interface DemoWorld {
  processId: string;
  convenor: Actor;
  editorGov: Actor;
  editorIndustry: Actor;
  commenter: Actor;
  observer: Actor;
}

/** An empty database with the demo process and its members, as `npm start` seeds it. */
export async function demoWorld(): Promise<DemoWorld> {
  const { resetDatabase } = await import("../helpers");
  const { seedDemo } = await import("@/lib/server/demo/seed-demo");
  const { toActor } = await import("@/lib/server/auth/actor");
  await resetDatabase();
  await seedDemo();
  const person = async (email: string) => toActor(await db.user.findUniqueOrThrow({ where: { email } }));
  return {
    processId: (await db.process.findFirstOrThrow()).id,
    convenor: await person("convenor@example.org"),
    editorGov: await person("editor.gov@example.org"),
    editorIndustry: await person("editor.industry@example.org"),
    commenter: await person("commenter.ngo@example.org"),
    observer: await person("observer.ngo@example.org"),
  };
}
