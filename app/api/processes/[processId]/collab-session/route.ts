import { issueCollabSession } from "@/lib/server/collab/issue-collab-session";
import { jsonRoute } from "@/lib/server/http/route";

export const GET = jsonRoute<{ processId: string }>(async ({ actor, params }) => issueCollabSession(await actor(), params.processId));
