import { PrismaClient as PgClient } from "@/generated/postgres/client";
import { PrismaClient as SqliteClient, type Prisma } from "@/generated/sqlite/client";
import { createAdapter, SqliteAdapterFactory, type SqliteConnection } from "./adapters";
import { databaseUrl, isPostgresUrl } from "./config";

/**
 * Both generated clients expose the same models (they come from one schema), so
 * the SQLite client's type describes either. See docs/decisions.md.
 */
export type Db = SqliteClient;
export type Tx = Prisma.TransactionClient;

const sqliteFactories = new WeakMap<Db, SqliteAdapterFactory>();

export function createDb(url: string = databaseUrl()): Db {
  const adapter = createAdapter(url);
  if (isPostgresUrl(url)) return new PgClient({ adapter }) as unknown as Db;
  const db = new SqliteClient({ adapter });
  if (adapter instanceof SqliteAdapterFactory) sqliteFactories.set(db, adapter);
  return db;
}

/** The one connection behind a SQLite client (null on PostgreSQL). */
export async function sqliteConnection(db: Db): Promise<SqliteConnection | null> {
  const factory = sqliteFactories.get(db);
  if (!factory) return null;
  if (!factory.connection) await db.$queryRawUnsafe("SELECT 1");
  return factory.connection;
}
