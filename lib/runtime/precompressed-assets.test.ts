import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import { brotliDecompressSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { acceptsBrotli } from "./content-encoding";
import { precompressAssets, precompressedAssetServer } from "./precompressed-assets";

const dirs: string[] = [];
const servers: Server[] = [];
afterEach(async () => {
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

const SCRIPT = `(()=>{${"console.log('a long enough script');".repeat(50)}})();`;

function build(files: Record<string, string>): string {
  const dist = mkdtempSync(path.join(os.tmpdir(), "accord-precompressed-"));
  dirs.push(dist);
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dist, "static", name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dist;
}
const file = (dist: string, name: string) => path.join(dist, "static", name);

/** The asset server in front of a stand-in for Next that answers 404 "next". */
async function serve(dist: string): Promise<string> {
  const serveAsset = precompressedAssetServer(dist, [{ key: "X-Content-Type-Options", value: "nosniff" }]);
  const server = createServer((req, res) => {
    if (serveAsset(req, res)) return;
    res.statusCode = 404;
    res.end("next");
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
}

/** Raw bytes as sent (fetch would decode them). */
function get(url: string, headers: Record<string, string>, method = "GET"): Promise<{ status: number; headers: Headers; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const out = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) out.set(k, String(v));
        resolve({ status: res.statusCode ?? 0, headers: out, body: Buffer.concat(chunks) });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

describe("precompressAssets", () => {
  it("writes a brotli copy of every script and stylesheet, once, and again when the file changes", async () => {
    const dist = build({ "chunks/a.js": SCRIPT, "chunks/nested/b.js": "x()", "chunks/c.css": "body{color:red}", "media/d.svg": "<svg/>", "chunks/a.js.map": "{}" });
    expect(await precompressAssets(dist)).toBe(3);
    expect(brotliDecompressSync(readFileSync(file(dist, "chunks/a.js.br"))).toString()).toBe(SCRIPT);
    expect(brotliDecompressSync(readFileSync(file(dist, "chunks/nested/b.js.br"))).toString()).toBe("x()");
    expect(existsSync(file(dist, "media/d.svg.br"))).toBe(false);
    expect(existsSync(file(dist, "chunks/a.js.map.br"))).toBe(false);
    expect(await precompressAssets(dist)).toBe(0);
    // A start that rewrites a script (compile hints) gets a new copy of that one only.
    writeFileSync(file(dist, "chunks/a.js"), `//# hint\n${SCRIPT}`);
    expect(await precompressAssets(dist)).toBe(1);
    expect(brotliDecompressSync(readFileSync(file(dist, "chunks/a.js.br"))).toString()).toBe(`//# hint\n${SCRIPT}`);
  });
});

describe("precompressedAssetServer", () => {
  it("sends the copy to a browser that takes brotli, with the headers the file needs", async () => {
    const dist = build({ "chunks/a.js": SCRIPT, "chunks/c.css": "body{color:red}" });
    await precompressAssets(dist);
    const base = await serve(dist);
    const res = await get(`${base}/_next/static/chunks/a.js`, { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("br");
    expect(res.headers.get("content-type")).toBe("application/javascript; charset=UTF-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("vary")).toBe("Accept-Encoding");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(brotliDecompressSync(res.body).toString()).toBe(SCRIPT);
    expect(res.body.length).toBeLessThan(SCRIPT.length);
    const css = await get(`${base}/_next/static/chunks/c.css?v=1`, { "accept-encoding": "br" });
    expect(css.headers.get("content-type")).toBe("text/css; charset=UTF-8");
    expect(brotliDecompressSync(css.body).toString()).toBe("body{color:red}");
  });

  it("answers a revalidation with 304 and a HEAD without a body", async () => {
    const dist = build({ "chunks/a.js": SCRIPT });
    await precompressAssets(dist);
    const base = await serve(dist);
    const first = await get(`${base}/_next/static/chunks/a.js`, { "accept-encoding": "br" });
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"br-[\w-]+"$/);
    const again = await get(`${base}/_next/static/chunks/a.js`, { "accept-encoding": "br", "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const head = await get(`${base}/_next/static/chunks/a.js`, { "accept-encoding": "br" }, "HEAD");
    expect(head.status).toBe(200);
    expect(Number(head.headers.get("content-length"))).toBe(first.body.length);
    expect(head.body.length).toBe(0);
  });

  it("leaves everything else to Next: no brotli, other paths and methods, a copy older than its file", async () => {
    const dist = build({ "chunks/a.js": SCRIPT, "chunks/b.js": SCRIPT });
    await precompressAssets(dist);
    writeFileSync(file(dist, "chunks/b.js"), `${SCRIPT}//changed`);
    const base = await serve(dist);
    const passedOn = async (url: string, headers: Record<string, string>, method = "GET") => (await get(`${base}${url}`, headers, method)).body.toString();
    expect(await passedOn("/_next/static/chunks/a.js", { "accept-encoding": "gzip, deflate" })).toBe("next");
    expect(await passedOn("/_next/static/chunks/a.js", { "accept-encoding": "br;q=0, gzip" })).toBe("next");
    expect(await passedOn("/_next/static/chunks/a.js", { "accept-encoding": "br" }, "POST")).toBe("next");
    expect(await passedOn("/_next/static/chunks/b.js", { "accept-encoding": "br" })).toBe("next");
    expect(await passedOn("/_next/static/chunks/missing.js", { "accept-encoding": "br" })).toBe("next");
    expect(await passedOn("/processes", { "accept-encoding": "br" })).toBe("next");
  });

  it("serves nothing from a build without copies", async () => {
    const dist = build({ "chunks/a.js": SCRIPT });
    const base = await serve(dist);
    expect((await get(`${base}/_next/static/chunks/a.js`, { "accept-encoding": "br" })).body.toString()).toBe("next");
  });
});

describe("acceptsBrotli", () => {
  it("reads Accept-Encoding as browsers and proxies write it", () => {
    expect(acceptsBrotli("gzip, deflate, br, zstd")).toBe(true);
    expect(acceptsBrotli("BR")).toBe(true);
    expect(acceptsBrotli("gzip;q=1.0, br;q=0.5")).toBe(true);
    expect(acceptsBrotli(["gzip", "br"])).toBe(true);
    expect(acceptsBrotli("br;q=0")).toBe(false);
    expect(acceptsBrotli("br; q=0.0")).toBe(false);
    expect(acceptsBrotli("gzip, deflate")).toBe(false);
    expect(acceptsBrotli("brotli")).toBe(false);
    expect(acceptsBrotli("")).toBe(false);
    expect(acceptsBrotli(undefined)).toBe(false);
    expect(acceptsBrotli(null)).toBe(false);
  });
});
