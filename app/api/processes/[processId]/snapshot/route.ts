import { requireActor } from "@/lib/server/auth/actor";
import { SNAPSHOT_CONTENT_TYPE } from "@/lib/collab/local-copies";
import { getDraftSnapshot } from "@/lib/server/collab/get-draft-snapshot";
import { errorResponse } from "@/lib/server/http/respond";

export async function GET(_req: Request, ctx: { params: Promise<{ processId: string }> }): Promise<Response> {
  try {
    const { processId } = await ctx.params;
    const body = await getDraftSnapshot(await requireActor(), processId);
    return new Response(body as Uint8Array<ArrayBuffer>, {
      headers: { "content-type": SNAPSHOT_CONTENT_TYPE, "cache-control": "private, no-store" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
