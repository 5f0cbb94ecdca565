import { jsonRoute } from "@/lib/server/http/route";
import { acceptInvitation } from "@/lib/server/invitations/accept-invitation";

export const POST = jsonRoute(async ({ actor, body }) => acceptInvitation(await actor(), await body()));
