import path from "node:path";

/**
 * Where Accord keeps its state. Plain module (no `server-only`) because the start
 * script, the CLI tools and prisma.config.ts read it outside Next.
 */
export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(/*turbopackIgnore: true*/ env.ACCORD_DATA_DIR || "data");
}

// `||`, not `??`: an empty DATABASE_URL would otherwise open a temporary database.
export function databaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.DATABASE_URL || `file:${path.join(dataDir(env), "accord.db")}`;
}

export function isPostgresUrl(url: string): boolean {
  return url.startsWith("postgres://") || url.startsWith("postgresql://");
}

export function sqliteFile(url: string): string {
  return url.replace(/^file:/, "");
}
