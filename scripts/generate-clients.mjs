// Writes prisma/postgres/schema.prisma from the canonical SQLite schema and
// generates both Prisma clients (one generated client serves one provider).
// Runs on `npm install` (postinstall) and whenever the schema changes.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const canonical = path.join(root, "prisma", "schema.prisma");
const pgSchema = path.join(root, "prisma", "postgres", "schema.prisma");

export function toPostgresSchema(source) {
  const out = source
    .replace(/^\/\/ Canonical schema[\s\S]*?\n\n/m, "// GENERATED from prisma/schema.prisma by scripts/generate-clients.mjs — do not edit.\n\n")
    .replace(/provider = "sqlite"/, 'provider = "postgresql"')
    .replace(/output\s+= "..\/generated\/sqlite"/, 'output       = "../../generated/postgres"');
  if (out === source || !out.includes('"postgresql"') || !out.includes("generated/postgres")) {
    throw new Error("generate-clients: could not derive the PostgreSQL schema; check the generator/datasource blocks");
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  mkdirSync(path.dirname(pgSchema), { recursive: true });
  writeFileSync(pgSchema, toPostgresSchema(readFileSync(canonical, "utf8")));
  const prisma = path.join(root, "node_modules", ".bin", "prisma");
  // The CLI wants a URL of the right kind even though `generate` never connects.
  for (const [schema, url] of [
    [canonical, "file:./data/accord.db"],
    [pgSchema, "postgresql://localhost/accord"],
  ]) {
    execFileSync(prisma, ["generate", "--no-hints", "--schema", schema], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    });
  }
}
