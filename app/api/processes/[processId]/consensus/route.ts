import { getConsensus } from "@/lib/server/consensus/get-consensus";
import { jsonRoute } from "@/lib/server/http/route";

export const GET = jsonRoute<{ processId: string }>(async ({ actor, params }) => getConsensus(await actor(), params.processId));
