// `npm run db:migration -- <name> [--from <old schema file>]`
// Writes one migration for SQLite and its twin for PostgreSQL, from the schema as
// it was (default: the last commit's prisma/schema.prisma) to the schema as it is.
// Needs no database: `migrate diff` between two datamodels, because the adapter-based
// Prisma 6.19 CLI cannot diff against a live database or a shadow database here.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const args = process.argv.slice(2);
const name = args.find((a) => !a.startsWith("--"));
const fromIndex = args.indexOf("--from");
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:migration -- <snake_case_name> [--from old-schema.prisma]");
  process.exit(2);
}

async function main(): Promise<void> {
  const { toPostgresSchema } = (await import(path.join(root, "scripts", "generate-clients.mjs"))) as {
    toPostgresSchema: (s: string) => string;
  };
  const oldSqlite =
    fromIndex >= 0
      ? readFileSync(args[fromIndex + 1], "utf8")
      : execFileSync("git", ["show", "HEAD:prisma/schema.prisma"], { cwd: root, encoding: "utf8" });
  const tmp = path.join(os.tmpdir(), `accord-migration-${process.pid}`);
  mkdirSync(tmp, { recursive: true });
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  const targets = [
    { label: "SQLite", dir: "prisma/migrations", url: "file:./data/accord.db", from: oldSqlite, to: "prisma/schema.prisma" },
    {
      label: "PostgreSQL",
      dir: "prisma/postgres/migrations",
      // The adapter-based CLI opens a connection even for a datamodel-to-datamodel diff.
      url: process.env.ACCORD_TEST_PG_URL || "postgresql://postgres@127.0.0.1:5432/test",
      from: toPostgresSchema(oldSqlite),
      to: "prisma/postgres/schema.prisma",
    },
  ];
  execFileSync("node", [path.join(root, "scripts", "generate-clients.mjs")], { cwd: root, stdio: "inherit" });
  for (const t of targets) {
    const fromFile = path.join(tmp, `${t.label}.prisma`);
    writeFileSync(fromFile, t.from);
    const sql = execFileSync(
      path.join(root, "node_modules", ".bin", "prisma"),
      ["migrate", "diff", "--from-schema-datamodel", fromFile, "--to-schema-datamodel", path.join(root, t.to), "--script"],
      { cwd: root, encoding: "utf8", env: { ...process.env, DATABASE_URL: t.url } },
    );
    if (/^-- This is an empty migration/m.test(sql)) {
      console.log(`${t.label}: no changes`);
      continue;
    }
    const out = path.join(root, t.dir, `${stamp}_${name}`);
    mkdirSync(out, { recursive: true });
    writeFileSync(path.join(out, "migration.sql"), sql);
    console.log(`${t.label}: wrote ${path.relative(root, out)}/migration.sql`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
