import { signOff } from "@/lib/server/consensus/sign-off";
import { jsonRoute } from "@/lib/server/http/route";

export const POST = jsonRoute<{ processId: string }>(
  async ({ actor, body, params }) => signOff(await actor(), { ...((await body()) as object), processId: params.processId }),
  { status: 201 },
);
