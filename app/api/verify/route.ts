import { verifySignedRecord } from "@/lib/server/consensus/signed-record";
import { AppError } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/server/http/route";
import { errorResponse } from "@/lib/server/http/respond";

const MAX_BYTES = 20 * 1024 * 1024;

// Public: anyone may check a signed record. The body is the bundle itself (JSON text).
export async function POST(req: Request): Promise<Response> {
  try {
    assertSameOrigin(req);
    if (Number(req.headers.get("content-length") ?? "0") > MAX_BYTES) throw new AppError("payload_too_large", "That file is too large to be a signed record.");
    return Response.json(await verifySignedRecord(await req.text()));
  } catch (error) {
    return errorResponse(error);
  }
}
