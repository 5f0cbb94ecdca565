import { getActor } from "@/lib/server/auth/actor";
import { MAX_RECORD_BYTES, verifySignedRecord } from "@/lib/server/consensus/signed-record";
import { AppError } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/server/http/route";
import { errorResponse } from "@/lib/server/http/respond";

// Public: anyone may check a signed record; members of its process are also told what differs. The body is the bundle itself (JSON text).
export async function POST(req: Request): Promise<Response> {
  try {
    assertSameOrigin(req);
    if (Number(req.headers.get("content-length") ?? "0") > MAX_RECORD_BYTES) throw new AppError("payload_too_large", "That file is too large to be a signed record.");
    return Response.json(await verifySignedRecord(await getActor(), await req.text()));
  } catch (error) {
    return errorResponse(error);
  }
}
