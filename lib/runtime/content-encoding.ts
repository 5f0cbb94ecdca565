import { promisify } from "node:util";
import { brotliCompress, constants as zlib } from "node:zlib";

/**
 * A response whose body a route has already compressed names its encoding in this header;
 * server/index.ts turns it into Content-Encoding (Next drops a route's own Content-Encoding
 * header, and would have the server compress the body a second time).
 */
export const PRECOMPRESSED_HEADER = "x-accord-content-encoding";

/** Whether an Accept-Encoding header takes brotli (a `q=0` refuses it). */
export function acceptsBrotli(header: string | string[] | null | undefined): boolean {
  const value = Array.isArray(header) ? header.join(",") : (header ?? "");
  return value.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding.trim() !== "br") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

const compress = promisify(brotliCompress);

/**
 * Brotli at its highest quality, in libuv's thread pool: a second or so for a long draft's
 * snapshot or a build's scripts, too slow per response, so only for bodies kept and sent
 * many times. About a tenth smaller than the quality the server can afford on the fly.
 */
export function brotliAtMax(source: Uint8Array): Promise<Buffer> {
  return compress(source, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: source.byteLength } });
}
