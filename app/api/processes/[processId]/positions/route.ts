import { takePosition } from "@/lib/server/consensus/take-position";
import { jsonRoute } from "@/lib/server/http/route";

export const POST = jsonRoute<{ processId: string }>(
  async ({ actor, body, params }) => takePosition(await actor(), { ...((await body()) as object), processId: params.processId }),
  { status: 201 },
);
