import type { SyncFormat } from "./compact-sync";
import type { WebSocket } from "ws";
import type { PresenceIdentity } from "@/lib/collab/identity";
import type { AwarenessOwner } from "./awareness";
import { TokenBucket, type CollabLimits } from "./limits";

let nextConnectionId = 1;

/** One participant's socket, with what the server decided about them at connect time. */
export class Connection implements AwarenessOwner {
  readonly id = nextConnectionId++;
  readonly clientIds = new Set<number>();
  readonly bucket: TokenBucket;
  closed = false;
  /** What the whole draft pushed on connection covered (compact sync), until step 1 is answered. */
  pushed: Map<number, number> | null = null;

  constructor(
    readonly ws: WebSocket,
    readonly processId: string,
    readonly userId: string,
    public role: string,
    public groupId: string,
    readonly identity: PresenceIdentity,
    /** Lowered (never raised) when the process is signed off while connected. */
    public canEdit: boolean,
    limits: CollabLimits,
    /** How the client takes its first sync (y-websocket's v1 unless it asked otherwise). */
    readonly syncFormat: SyncFormat = { v2: false, deflate: false, fresh: false },
  ) {
    this.bucket = new TokenBucket(limits.messagesPerSecond, limits.messageBurst, Date.now());
    this.maxBuffered = limits.maxBufferedBytes;
  }

  private readonly maxBuffered: number;

  send(message: Uint8Array, options: { compress?: boolean } = {}): void {
    if (this.closed || this.ws.readyState !== this.ws.OPEN) return;
    // A reader that cannot keep up is cut loose to resync, rather than buffering without bound.
    if (this.ws.bufferedAmount > this.maxBuffered) {
      this.close(1013, "too far behind; reconnect to resync");
      return;
    }
    this.ws.send(message, { binary: true, compress: options.compress ?? true });
  }

  /**
   * Several messages in one write: one system call and one packet instead of one each.
   * `ws` has no public cork; its socket is `_socket`, and without it they go one by one.
   */
  sendAll(messages: Uint8Array[]): void {
    if (messages.length < 2) {
      if (messages.length) this.send(messages[0]);
      return;
    }
    const socket = (this.ws as unknown as { _socket?: { cork(): void; uncork(): void } | null })._socket;
    socket?.cork();
    try {
      for (const message of messages) this.send(message);
    } finally {
      socket?.uncork();
    }
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.ws.close(code, reason.slice(0, 120));
    } catch {
      this.ws.terminate();
    }
  }
}
