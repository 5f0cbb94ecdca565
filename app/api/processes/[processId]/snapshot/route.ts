import { requireActor } from "@/lib/server/auth/actor";
import { SNAPSHOT_CONTENT_TYPE } from "@/lib/collab/local-copies";
import { acceptsBrotli, PRECOMPRESSED_HEADER } from "@/lib/runtime/content-encoding";
import { getDraftSnapshot } from "@/lib/server/collab/get-draft-snapshot";
import { errorResponse } from "@/lib/server/http/respond";

export async function GET(req: Request, ctx: { params: Promise<{ processId: string }> }): Promise<Response> {
  try {
    const { processId } = await ctx.params;
    const snapshot = await getDraftSnapshot(await requireActor(), processId);
    const headers = { "content-type": SNAPSHOT_CONTENT_TYPE, "cache-control": "private, no-store", vary: "Accept-Encoding" };
    // Already compressed at brotli's best (server/index.ts names the encoding); else the server compresses it.
    if (snapshot.brotli && acceptsBrotli(req.headers.get("accept-encoding"))) {
      return new Response(snapshot.brotli as Uint8Array<ArrayBuffer>, { headers: { ...headers, [PRECOMPRESSED_HEADER]: "br" } });
    }
    return new Response(snapshot.update as Uint8Array<ArrayBuffer>, { headers });
  } catch (error) {
    return errorResponse(error);
  }
}
