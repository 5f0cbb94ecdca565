import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { acceptsBrotli, brotliAtMax } from "./content-encoding";

/**
 * The build's scripts and stylesheets, compressed once with brotli at its highest quality
 * and served as files. On the fly the server can only afford a quick level (5): on a
 * first visit to a draft the scripts are most of the bytes a Slow 4G link carries before
 * the editor opens, and quality 11 makes them about a tenth smaller
 * (docs/benchmarks-notes.md §16). Browsers without brotli get the server's gzip as before.
 */
const TYPES: Record<string, string> = { ".js": "application/javascript; charset=UTF-8", ".css": "text/css; charset=UTF-8" };
const SUFFIX = ".br";
const URL_PREFIX = "/_next/static/";

function assetsIn(distDir: string): Array<{ file: string; url: string }> {
  const root = path.join(distDir, "static");
  if (!existsSync(root)) return [];
  return readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((name) => path.extname(name) in TYPES)
    .map((name) => ({ file: path.join(root, name), url: URL_PREFIX + name.split(path.sep).join("/") }));
}

/**
 * The file's compressed copy, if it holds the file as it is now (compile hints rewrite
 * scripts on start; a build may be copied or rebuilt over old copies). Decompressing a
 * whole build to check takes milliseconds.
 */
function freshCopy(file: string): Buffer | null {
  const copy = file + SUFFIX;
  if (!existsSync(copy)) return null;
  const compressed = readFileSync(copy);
  try {
    return brotliDecompressSync(compressed).equals(readFileSync(file)) ? compressed : null;
  } catch {
    return null;
  }
}

/**
 * Writes `<file>.br` beside every script and stylesheet that lacks a fresh one. Run by
 * `npm start` before the server listens; brotli's highest quality takes a few seconds for
 * a whole build on two cores, once per build (later starts find the copies). Returns how
 * many it wrote.
 */
export async function precompressAssets(distDir: string): Promise<number> {
  const stale = assetsIn(distDir).filter(({ file }) => !freshCopy(file));
  await Promise.all(
    stale.map(async ({ file }) => {
      const compressed = await brotliAtMax(readFileSync(file));
      // Replaced in one step: a server already serving this build never sends half a file.
      const temporary = `${file}${SUFFIX}.${process.pid}.tmp`;
      writeFileSync(temporary, compressed);
      renameSync(temporary, file + SUFFIX);
    }),
  );
  return stale.length;
}

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

/**
 * Serves the compressed copies `precompressAssets` made for this build (read into memory
 * when the server starts: a few hundred KB). Returns false for anything else, which the
 * caller then hands to Next: other files, other methods, a browser without brotli, or a
 * build that has no fresh copies.
 */
export function precompressedAssetServer(distDir: string, headers: ReadonlyArray<{ key: string; value: string }>): (req: IncomingMessage, res: ServerResponse) => boolean {
  const assets = new Map<string, Asset>();
  for (const { file, url } of assetsIn(distDir)) {
    const body = freshCopy(file);
    if (!body) continue;
    const etag = `"br-${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
    assets.set(url, { body, type: TYPES[path.extname(file)], etag });
  }
  return (req, res) => {
    if (!assets.size || (req.method !== "GET" && req.method !== "HEAD") || !req.url?.startsWith(URL_PREFIX)) return false;
    const asset = assets.get(req.url.split("?")[0]);
    if (!asset || !acceptsBrotli(req.headers["accept-encoding"])) return false;
    for (const { key, value } of headers) res.setHeader(key, value);
    res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
    res.setHeader("Vary", "Accept-Encoding");
    res.setHeader("ETag", asset.etag);
    if (req.headers["if-none-match"] === asset.etag) {
      res.statusCode = 304;
      res.end();
      return true;
    }
    res.setHeader("Content-Type", asset.type);
    res.setHeader("Content-Encoding", "br");
    res.setHeader("Content-Length", asset.body.length);
    res.end(req.method === "HEAD" ? undefined : asset.body);
    return true;
  };
}
