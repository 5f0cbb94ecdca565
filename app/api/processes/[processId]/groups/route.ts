import { addGroup } from "@/lib/server/groups/add-group";
import { jsonRoute } from "@/lib/server/http/route";

export const POST = jsonRoute<{ processId: string }>(
  async ({ actor, body, params }) => {
    const input = (await body()) as Record<string, unknown>;
    return addGroup(await actor(), { ...input, processId: params.processId });
  },
  { status: 201 },
);
