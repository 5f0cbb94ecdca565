// The Prisma CLI skips .env when a config file exists, so load it here.
import "dotenv/config";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { createAdapter } from "./lib/db/adapters";
import { databaseUrl, isPostgresUrl } from "./lib/db/config";

const url = databaseUrl();
process.env.DATABASE_URL = url;
const postgres = isPostgresUrl(url);
const dir = postgres ? path.join("prisma", "postgres") : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(dir, "schema.prisma"),
  migrations: { path: path.join(dir, "migrations") },
  adapter: async () => createAdapter(url),
});
