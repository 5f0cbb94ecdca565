import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * One fresh database for the whole integration run, migrated with the same
 * `prisma migrate deploy` that `npm start` uses. ACCORD_TEST_DB=postgres runs
 * against the machine's PostgreSQL (ACCORD_TEST_PG_URL, default
 * postgresql://postgres@127.0.0.1:5432/test) in a database created and dropped here.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const root = path.resolve(import.meta.dirname, "..", "..");
  const tmp = mkdtempSync(path.join(os.tmpdir(), "accord-it-"));
  let url: string;
  let teardown: () => Promise<void>;

  if (process.env.ACCORD_TEST_DB === "postgres") {
    const admin = new URL(process.env.ACCORD_TEST_PG_URL || "postgresql://postgres@127.0.0.1:5432/test");
    const name = `accord_it_${process.pid}_${Date.now()}`;
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
    const target = new URL(admin.toString());
    target.pathname = `/${name}`;
    url = target.toString();
    teardown = async () => {
      const c = new pg.Client({ connectionString: admin.toString() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
  } else {
    url = `file:${path.join(tmp, "accord.db")}`;
    teardown = async () => undefined;
  }

  execFileSync(path.join(root, "node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: "pipe",
  });
  if (url.startsWith("file:")) {
    // As `npm start` does: the tests run a second server process against the same file.
    const Database = (await import("better-sqlite3")).default;
    const sqlite = new Database(url.slice("file:".length));
    sqlite.pragma("journal_mode = WAL");
    sqlite.close();
  }
  process.env.DATABASE_URL = url;
  process.env.ACCORD_DATA_DIR = tmp;
  console.log(`[integration] database: ${url.startsWith("file:") ? "SQLite" : "PostgreSQL"} (${url})`);

  return async () => {
    await teardown();
    rmSync(tmp, { recursive: true, force: true });
  };
}
