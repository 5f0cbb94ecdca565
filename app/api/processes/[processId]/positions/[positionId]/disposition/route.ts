import { setDisposition } from "@/lib/server/consensus/set-disposition";
import { jsonRoute } from "@/lib/server/http/route";

export const POST = jsonRoute<{ processId: string; positionId: string }>(async ({ actor, body, params }) => {
  await setDisposition(await actor(), { ...((await body()) as object), ...params });
});
