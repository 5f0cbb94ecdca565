"use client";

import { useCallback, useEffect, useState } from "react";
import type { ConsensusDto } from "@/lib/server/consensus/get-consensus";

/**
 * The process's consensus, refetched when something changes: after our own
 * actions, on "accord:consensus" (relayed by the editor's socket), and — with
 * `live` — from the server-sent event stream (pages without a socket).
 */
export function useConsensus(processId: string, options: { live?: boolean; initial?: ConsensusDto | null } = {}) {
  const [data, setData] = useState<ConsensusDto | null>(options.initial ?? null);
  const refresh = useCallback(async () => {
    const res = await fetch(`/api/processes/${processId}/consensus`, { cache: "no-store" }).catch(() => null);
    if (res?.ok) setData((await res.json()) as ConsensusDto);
  }, [processId]);

  useEffect(() => {
    let cancelled = false;
    const run = () => {
      if (!cancelled) void refresh();
    };
    if (!options.initial) queueMicrotask(run);
    window.addEventListener("accord:consensus", run);
    let source: EventSource | null = null;
    if (options.live) {
      source = new EventSource(`/api/processes/${processId}/events`);
      source.onmessage = (event) => {
        const kind = (JSON.parse(event.data) as { kind: string }).kind;
        if (kind === "signed_off") window.location.reload();
        else if (kind === "consensus") run();
      };
    }
    return () => {
      cancelled = true;
      window.removeEventListener("accord:consensus", run);
      source?.close();
    };
  }, [processId, refresh, options.live, options.initial]);

  return { data, refresh };
}
