import { PrismaClient as PgClient } from "@/generated/postgres/client";
import { PrismaClient as SqliteClient, type Prisma } from "@/generated/sqlite/client";
import { createAdapter } from "./adapters";
import { databaseUrl, isPostgresUrl } from "./config";

/**
 * Both generated clients expose the same models (they come from one schema), so
 * the SQLite client's type describes either. See docs/decisions.md.
 */
export type Db = SqliteClient;
export type Tx = Prisma.TransactionClient;

export function createDb(url: string = databaseUrl()): Db {
  const adapter = createAdapter(url);
  if (isPostgresUrl(url)) return new PgClient({ adapter }) as unknown as Db;
  return new SqliteClient({ adapter });
}
