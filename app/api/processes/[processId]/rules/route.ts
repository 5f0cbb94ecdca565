import { updateRules } from "@/lib/server/consensus/update-rules";
import { jsonRoute } from "@/lib/server/http/route";

export const PUT = jsonRoute<{ processId: string }>(async ({ actor, body, params }) => {
  await updateRules(await actor(), { ...((await body()) as object), processId: params.processId });
});
