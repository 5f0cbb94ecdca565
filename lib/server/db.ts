import "server-only";
import { createDb, type Db } from "@/lib/db/client";
import { databaseUrl, isPostgresUrl } from "@/lib/db/config";

// One client per process, also across Next's dev-mode module reloads.
const holder = globalThis as unknown as { accordDb?: Db };

export const db: Db = holder.accordDb ?? (holder.accordDb = createDb());
export const usingPostgres = isPostgresUrl(databaseUrl());
export type { Db, Tx } from "@/lib/db/client";
