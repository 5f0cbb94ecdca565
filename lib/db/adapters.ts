import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { isPostgresUrl, sqliteFile } from "./config";

// pg reports these catalogue types by oid; the Prisma 6.19 pg adapter cannot map
// them and fails while migrating (prisma/orm#27403). They are plain text.
const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;

type Queryable = { query: (...args: never[]) => unknown };

function mapCatalogueTypes(client: Queryable): void {
  const original = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const result = original(...args);
    if (result && typeof (result as Promise<unknown>).then === "function") {
      return (result as Promise<{ fields?: Array<{ dataTypeID: number }> }>).then((res) => {
        for (const field of res?.fields ?? []) {
          if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
        }
        return res;
      });
    }
    return result;
  };
}

export function createPgPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  // Pool.query (no transaction) and pooled clients (transactions) are separate paths.
  mapCatalogueTypes(pool as unknown as Queryable);
  pool.on("connect", (client) => mapCatalogueTypes(client as unknown as Queryable));
  return pool;
}

/** The raw better-sqlite3 connection behind a SQLite adapter (the collaboration server's hot path). */
export type SqliteConnection = import("better-sqlite3").Database;

/**
 * Prisma's SQLite adapter, plus a handle on its one connection. In WAL mode,
 * `synchronous = NORMAL` makes a commit durable against a crash of the process
 * (kill -9) without an fsync per commit, which blocked the event loop for
 * milliseconds on every keystroke batch; see docs/decisions.md.
 */
export class SqliteAdapterFactory extends PrismaBetterSQLite3 {
  connection: SqliteConnection | null = null;

  override async connect() {
    const adapter = await super.connect();
    const connection = (adapter as unknown as { client: SqliteConnection }).client;
    connection.pragma("journal_mode = WAL");
    connection.pragma("synchronous = NORMAL");
    this.connection = connection;
    return adapter;
  }
}

export function createAdapter(url: string) {
  if (isPostgresUrl(url)) return new PrismaPg(createPgPool(url));
  return new SqliteAdapterFactory({ url: sqliteFile(url) });
}
