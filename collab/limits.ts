/** Every bound the collaboration server enforces, in one place (see docs/collaboration.md). */
export interface CollabLimits {
  /** Largest websocket frame accepted; bigger frames close the socket (1009). */
  maxFrameBytes: number;
  /** Largest stored document (snapshot + appended updates); an update beyond it closes with 4413. */
  maxDocBytes: number;
  /** Sustained messages per second per connection, and the burst allowed on top. */
  messagesPerSecond: number;
  messageBurst: number;
  /** Largest awareness state (cursor, selection, identity) per client. */
  maxAwarenessStateBytes: number;
  /** A connection whose unsent backlog exceeds this is closed so it can resync instead. */
  maxBufferedBytes: number;
}

export const DEFAULT_LIMITS: CollabLimits = {
  maxFrameBytes: 2 * 1024 * 1024,
  maxDocBytes: 32 * 1024 * 1024,
  messagesPerSecond: 150,
  messageBurst: 400,
  maxAwarenessStateBytes: 8 * 1024,
  maxBufferedBytes: 32 * 1024 * 1024,
};

/** Token bucket: `capacity` messages at once, refilled at `rate` per second. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly capacity: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
