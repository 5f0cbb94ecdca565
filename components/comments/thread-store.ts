"use client";

import type { ThreadDto } from "@/lib/server/comments/dto";

/**
 * The threads of one process on this page. Loaded once, then kept current from
 * API responses (our own actions) and from change events relayed by the
 * collaboration server (everyone else's): each event refetches one thread.
 */
export class ThreadStore {
  private threads = new Map<string, ThreadDto>();
  private snapshot: ThreadDto[] = [];
  private listeners = new Set<() => void>();
  status: "loading" | "ready" | "error" = "loading";

  constructor(private readonly processId: string) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ThreadDto[] => this.snapshot;

  private changed(): void {
    this.snapshot = [...this.threads.values()];
    for (const listener of this.listeners) listener();
  }

  async load(): Promise<void> {
    try {
      const res = await fetch(`/api/processes/${this.processId}/threads`, { cache: "no-store" });
      if (!res.ok) throw new Error(String(res.status));
      const list = (await res.json()) as ThreadDto[];
      this.threads = new Map(list.map((t) => [t.id, t]));
      this.status = "ready";
    } catch {
      this.status = "error";
    }
    this.changed();
  }

  upsert(thread: ThreadDto): void {
    this.threads.set(thread.id, thread);
    this.changed();
  }

  async refresh(threadId: string): Promise<void> {
    const res = await fetch(`/api/processes/${this.processId}/threads/${threadId}`, { cache: "no-store" }).catch(() => null);
    if (res?.ok) this.upsert((await res.json()) as ThreadDto);
  }
}
