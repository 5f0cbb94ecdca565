import { collabKey } from "@/lib/collab/token";
import { createDb } from "@/lib/db/client";
import { databaseUrl } from "@/lib/db/config";
import { resolveAuthSecret } from "@/lib/runtime/secret";
import { createCollabServer, type CollabServer } from "./server";

/** The collaboration server configured from the environment (README: Configuration). */
export function collabServerFromEnv(env: NodeJS.ProcessEnv = process.env): Promise<CollabServer> {
  return createCollabServer({
    db: createDb(databaseUrl(env)),
    key: collabKey(resolveAuthSecret(env)),
    allowedOrigins: [env.NEXTAUTH_URL, ...(env.ACCORD_ALLOWED_ORIGINS ?? "").split(",")].filter((o): o is string => !!o),
    redisUrl: env.REDIS_URL || undefined,
    membershipCheckMs: Number(env.ACCORD_MEMBERSHIP_CHECK_MS || 2000),
    // Per-connection message rate: a guard against floods, far above human typing.
    limits: env.ACCORD_COLLAB_MESSAGES_PER_SECOND
      ? { messagesPerSecond: Number(env.ACCORD_COLLAB_MESSAGES_PER_SECOND), messageBurst: Number(env.ACCORD_COLLAB_MESSAGES_PER_SECOND) * 2 }
      : undefined,
    idleUnloadMs: env.ACCORD_COLLAB_UNLOAD_AFTER_MS ? Number(env.ACCORD_COLLAB_UNLOAD_AFTER_MS) : undefined,
    coalesceMaxMs: env.ACCORD_COALESCE_MAX_MS ? Number(env.ACCORD_COALESCE_MAX_MS) : undefined,
  });
}
