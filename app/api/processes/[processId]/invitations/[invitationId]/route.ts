import { jsonRoute } from "@/lib/server/http/route";
import { revokeInvitation } from "@/lib/server/members/revoke-invitation";

export const DELETE = jsonRoute<{ processId: string; invitationId: string }>(async ({ actor, params }) => {
  await revokeInvitation(await actor(), params);
});
