import { sqliteConnection, type Db } from "@/lib/db/client";
import { DocStore } from "./persistence";
import { SqliteDocStore } from "./sqlite-store";

/** The document store for this database: prepared statements on SQLite's own connection, the ORM on PostgreSQL. */
export async function openDocStore(db: Db): Promise<DocStore> {
  const connection = await sqliteConnection(db);
  return connection ? new SqliteDocStore(db, connection) : new DocStore(db);
}
