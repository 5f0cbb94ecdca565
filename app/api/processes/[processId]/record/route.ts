import { requireActor } from "@/lib/server/auth/actor";
import { getSignedRecord } from "@/lib/server/consensus/signed-record";
import { errorResponse } from "@/lib/server/http/respond";

export async function GET(req: Request, ctx: { params: Promise<{ processId: string }> }): Promise<Response> {
  try {
    const { processId } = await ctx.params;
    const format = new URL(req.url).searchParams.get("format") ?? "json";
    const file = await getSignedRecord(await requireActor(), { processId, format });
    return new Response(new Uint8Array(typeof file.body === "string" ? Buffer.from(file.body) : file.body), {
      headers: { "content-type": file.contentType, "content-disposition": `attachment; filename="${file.filename}"`, "cache-control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
