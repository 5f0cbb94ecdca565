import { CLOSE } from "@/lib/collab/protocol";
import type { Connection } from "./connection";
import type { MembershipSnapshot } from "./persistence";

/**
 * Re-checks every open connection against the database on a short interval (one
 * query for all of them): a removed member is disconnected (4403), a member whose
 * role or group changed is asked to reconnect with their new rights (4409).
 */
export class MembershipWatch {
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly lookup: (processIds: string[], userIds: string[]) => Promise<MembershipSnapshot>,
    private readonly connections: () => Iterable<Connection>,
    private readonly intervalMs: number,
    private readonly log: (m: string, e?: unknown) => void,
    /** Called for a process found signed off (a fallback for a missed sign-off event). */
    private readonly onSignedOff: (processId: string) => void = () => undefined,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async check(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const open = [...this.connections()].filter((c) => !c.closed);
      if (!open.length) return;
      const processIds = [...new Set(open.map((c) => c.processId))];
      const userIds = [...new Set(open.map((c) => c.userId))];
      const { rows, signedOff } = await this.lookup(processIds, userIds);
      const current = new Map(rows.map((r) => [`${r.processId}:${r.userId}`, r]));
      for (const conn of open) {
        const row = current.get(`${conn.processId}:${conn.userId}`);
        if (!row) conn.close(CLOSE.notMember, "you are no longer a member of this process");
        else if (row.role !== conn.role || row.groupId !== conn.groupId) conn.close(CLOSE.membershipChanged, "your role or group changed; reconnect");
        else if (signedOff.has(conn.processId) && conn.canEdit) conn.close(CLOSE.membershipChanged, "the text was signed off; reconnect read-only");
      }
      for (const id of signedOff) this.onSignedOff(id);
    } catch (error) {
      this.log("membership check failed", error);
    } finally {
      this.running = false;
    }
  }
}
