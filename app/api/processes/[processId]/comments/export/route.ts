import { requireActor } from "@/lib/server/auth/actor";
import { exportComments } from "@/lib/server/comments/export-comments";
import { errorResponse } from "@/lib/server/http/respond";

export async function GET(req: Request, ctx: { params: Promise<{ processId: string }> }): Promise<Response> {
  try {
    const { processId } = await ctx.params;
    const format = new URL(req.url).searchParams.get("format") ?? "csv";
    const file = await exportComments(await requireActor(), { processId, format });
    return new Response(file.body, {
      headers: {
        "content-type": file.contentType,
        "content-disposition": `attachment; filename="${file.filename}"`,
        "cache-control": "no-store",
      },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
