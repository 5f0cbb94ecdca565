import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import type { Db } from "@/lib/db/client";
import { onProcessEvent, type ProcessEvent } from "@/lib/runtime/process-events";
import {
  CLOSE,
  encodeEvent,
  encodePersisted,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_QUERY_PERSISTED,
  MESSAGE_SYNC,
  readClientList,
} from "@/lib/collab/protocol";
import { admit } from "./auth";
import { awarenessMessage } from "./awareness";
import { pushWholeDraft, syncFormatOf, syncStep2V2, withPushed } from "./compact-sync";
import { Connection } from "./connection";
import { DEFAULT_LIMITS, type CollabLimits } from "./limits";
import { MembershipWatch } from "./membership-watch";
import { openDocStore } from "./doc-store";
import { RedisBus } from "./redis";
import { Room } from "./room";

export interface CollabServerOptions {
  db: Db;
  /** Key for collaboration tokens (`collabKey(authSecret)`). */
  key: Buffer;
  /** Origins besides the request's own host that may open sockets (e.g. the public URL). */
  allowedOrigins?: string[];
  redisUrl?: string;
  limits?: Partial<CollabLimits>;
  /** How often open connections are re-checked against memberships. */
  membershipCheckMs?: number;
  /** How long an empty document stays in memory. */
  idleUnloadMs?: number;
  deriveEveryMs?: number;
  compactAfterRows?: number;
  /** Fan-out coalescing window under a crowd, in ms (default 40; docs/collaboration.md). */
  coalesceMaxMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface CollabStats {
  rooms: number;
  connections: number;
}

export interface CollabServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  stats(): CollabStats;
  /** The live room, if loaded (tests and benchmarks). */
  room(id: string): Room | undefined;
  /** Stores everything, closes every socket with 1012 and releases resources. */
  close(): Promise<void>;
}

export async function createCollabServer(options: CollabServerOptions): Promise<CollabServer> {
  const limits: CollabLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const log = options.log ?? ((message: string, error?: unknown) => console.error(`[collab] ${message}`, error ?? ""));
  const allowedOrigins = new Set((options.allowedOrigins ?? []).map((o) => new URL(o).origin));
  const store = await openDocStore(options.db);
  const rooms = new Map<string, Room>();
  const loading = new Map<string, Promise<Room | null>>();
  const unloadTimers = new Map<string, NodeJS.Timeout>();
  let closing = false;

  // App events reach this process both locally (same process as the app) and via Redis: relay each once.
  const relayed = new Set<string>();
  function relayEvent(event: ProcessEvent): void {
    if (relayed.has(event.id)) return;
    relayed.add(event.id);
    if (relayed.size > 5000) relayed.delete(relayed.values().next().value as string);
    const room = rooms.get(event.processId);
    if (!room) return;
    if (event.kind === "signed_off") room.freeze();
    const message = encodeEvent({ kind: event.kind, threadId: event.threadId });
    for (const conn of room.connections) conn.send(message);
  }
  const stopEvents = onProcessEvent(relayEvent);

  const bus = options.redisUrl
    ? new RedisBus(
        options.redisUrl,
        {
          update: (docId, update) => rooms.get(docId)?.applyRemote(update),
          awareness: (docId, body) => rooms.get(docId)?.applyRemoteAwareness(body),
          event: relayEvent,
        },
        log,
      )
    : null;
  if (bus) await bus.ready();

  const deps = {
    store,
    limits,
    bus,
    log,
    deriveEveryMs: options.deriveEveryMs ?? 1000,
    compactAfterRows: options.compactAfterRows ?? 500,
    coalesceMaxMs: options.coalesceMaxMs ?? 40,
    dropRoom(room: Room) {
      if (rooms.get(room.id) === room) {
        rooms.delete(room.id);
        clearTimeout(unloadTimers.get(room.id));
        unloadTimers.delete(room.id);
        void bus?.leave(room.id).catch(() => undefined);
      }
      // Its sockets are closing; their close events find it gone (scheduleUnload) and leave it be.
      room.destroy();
    },
  };

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxFrameBytes,
    // Compress only what is worth it (a draft's initial sync), with small windows so
    // thousands of sockets do not each hold large zlib buffers.
    perMessageDeflate: {
      threshold: 4096,
      serverNoContextTakeover: true,
      clientNoContextTakeover: true,
      serverMaxWindowBits: 11,
      concurrencyLimit: 4,
      zlibDeflateOptions: { level: 6, memLevel: 7 },
    },
  });

  async function openRoom(id: string): Promise<Room | null> {
    const existing = rooms.get(id);
    // A room taking an update back out of its log is dropped once that is done: load afresh after.
    if (existing?.takingBack) await existing.takingBack;
    if (existing && !existing.closing && !existing.takingBack) return existing;
    let pending = loading.get(id);
    if (!pending) {
      pending = (async () => {
        const loaded = await store.load(id);
        if (!loaded) return null;
        const room = new Room(id, loaded, deps);
        rooms.set(id, room);
        await bus?.join(id);
        return room;
      })().finally(() => loading.delete(id));
      loading.set(id, pending);
    }
    return pending;
  }

  function scheduleUnload(room: Room): void {
    if (room.connections.size || unloadTimers.has(room.id) || rooms.get(room.id) !== room) return;
    const timer = setTimeout(async () => {
      unloadTimers.delete(room.id);
      if (room.connections.size || closing) return;
      room.closing = true;
      try {
        await room.flushAll();
      } catch (error) {
        log(`could not flush ${room.id} before unloading`, error);
      }
      // A newcomer during the flush got a freshly loaded room (openRoom skips closing ones).
      if (rooms.get(room.id) === room) {
        rooms.delete(room.id);
        await bus?.leave(room.id).catch(() => undefined);
      }
      room.destroy();
    }, options.idleUnloadMs ?? 10_000);
    timer.unref();
    unloadTimers.set(room.id, timer);
  }

  function allConnections(): Iterable<Connection> {
    return [...rooms.values()].flatMap((r) => [...r.connections]);
  }

  const watch = new MembershipWatch((processIds, userIds) => store.currentMemberships(processIds, userIds), allConnections, options.membershipCheckMs ?? 2000, log, (processId) => rooms.get(processId)?.freeze());
  watch.start();

  function onMessage(room: Room, conn: Connection, data: Uint8Array): void {
    if (!conn.bucket.take(Date.now())) {
      conn.close(CLOSE.rateLimited, "too many messages; slow down");
      return;
    }
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    switch (type) {
      case MESSAGE_SYNC: {
        const step = decoding.readVarUint(decoder);
        const payload = decoding.readVarUint8Array(decoder);
        if (decoder.pos !== data.length) throw new Error("trailing bytes");
        if (step === syncProtocol.messageYjsSyncStep1) {
          if (conn.syncFormat.v2) {
            const stateVector = conn.pushed ? withPushed(payload, conn.pushed) : payload;
            conn.pushed = null;
            conn.send(syncStep2V2(room.doc, stateVector, conn.syncFormat), { compress: !conn.syncFormat.deflate });
            return;
          }
          const encoder = encoding.createEncoder();
          encoding.writeVarUint(encoder, MESSAGE_SYNC);
          syncProtocol.writeSyncStep2(encoder, room.doc, payload);
          conn.send(encoding.toUint8Array(encoder));
          return;
        }
        if (step !== syncProtocol.messageYjsSyncStep2 && step !== syncProtocol.messageYjsUpdate) throw new Error("unknown sync step");
        // Read-only roles (and a frozen, signed-off text): updates are dropped here, never stored or relayed.
        if (!conn.canEdit) return;
        if (room.accept(conn, payload) === "too_large") conn.close(CLOSE.tooLarge, "the document has reached its size limit");
        return;
      }
      case MESSAGE_AWARENESS: {
        const payload = decoding.readVarUint8Array(decoder);
        if (decoder.pos !== data.length) throw new Error("trailing bytes");
        room.applyAwareness(conn, payload);
        return;
      }
      case MESSAGE_QUERY_AWARENESS: {
        const present = room.awareness.encodeAll();
        if (present) conn.send(awarenessMessage(present));
        return;
      }
      case MESSAGE_QUERY_PERSISTED: {
        const clients = readClientList(decoder);
        conn.send(encodePersisted(room.persistedClocks(clients)));
        return;
      }
      default:
        throw new Error(`unexpected message type ${type}`);
    }
  }

  function refuse(req: IncomingMessage, socket: Duplex, head: Buffer, code: number, reason: string): void {
    // Upgrade only to say why, with a close code the client can act on.
    wss.handleUpgrade(req, socket, head, (ws) => ws.close(code, reason));
  }

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on("error", () => socket.destroy());
    if (closing) {
      refuse(req, socket, head, CLOSE.shuttingDown, "server restarting");
      return;
    }
    admit(req, { findMember: (processId, userId) => store.findMember(processId, userId), key: options.key, allowedOrigins })
      .then(async (decision) => {
        if (!decision.ok) return refuse(req, socket, head, decision.code, decision.reason);
        const room = await openRoom(decision.processId);
        if (!room) return refuse(req, socket, head, CLOSE.notFound, "no such document");
        wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
          // The room may have been unloaded or dropped while this upgrade was under way.
          if (room.closing || rooms.get(room.id) !== room) {
            ws.close(CLOSE.internal, "the draft is reloading; reconnecting");
            return;
          }
          const format = syncFormatOf(req.url);
          const conn = new Connection(ws, decision.processId, decision.userId, decision.role, decision.groupId, decision.identity, decision.canEdit, limits, format);
          const timer = unloadTimers.get(room.id);
          if (timer) {
            clearTimeout(timer);
            unloadTimers.delete(room.id);
          }
          ws.on("message", (raw: RawData) => {
            const data = raw instanceof Buffer ? raw : Buffer.concat(Array.isArray(raw) ? raw : [Buffer.from(raw as ArrayBuffer)]);
            try {
              onMessage(room, conn, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
            } catch (error) {
              conn.close(CLOSE.malformed, `malformed message: ${(error as Error).message ?? "unreadable"}`);
            }
          });
          ws.on("close", () => {
            conn.closed = true;
            room.leave(conn);
            scheduleUnload(room);
          });
          ws.on("error", () => conn.close(CLOSE.malformed, "protocol error"));
          room.join(conn);
          if (format.fresh) {
            const { message, covered } = pushWholeDraft(room.doc);
            conn.pushed = covered;
            conn.send(message, { compress: false });
          }
        });
      })
      .catch((error: unknown) => {
        log("could not admit a connection", error);
        refuse(req, socket, head, CLOSE.internal, "server error; try again");
      });
  }

  return {
    handleUpgrade,
    stats: () => ({ rooms: rooms.size, connections: [...rooms.values()].reduce((n, r) => n + r.connections.size, 0) }),
    room: (id) => rooms.get(id),
    async close() {
      closing = true;
      watch.stop();
      stopEvents();
      for (const timer of unloadTimers.values()) clearTimeout(timer);
      unloadTimers.clear();
      await Promise.allSettled([...loading.values()]);
      for (const room of rooms.values()) {
        room.closing = true;
        try {
          await room.flushAll();
        } catch (error) {
          log(`could not flush ${room.id} on shutdown`, error);
        }
        for (const conn of room.connections) conn.close(CLOSE.shuttingDown, "server restarting");
        room.destroy();
      }
      rooms.clear();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await bus?.close();
    },
  };
}
