import { jsonRoute } from "@/lib/server/http/route";
import { inviteMember } from "@/lib/server/members/invite-member";

export const POST = jsonRoute<{ processId: string }>(
  async ({ actor, body, params }) => {
    const input = (await body()) as Record<string, unknown>;
    return inviteMember(await actor(), { ...input, processId: params.processId });
  },
  { status: 201 },
);
