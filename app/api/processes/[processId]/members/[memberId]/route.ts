import { jsonRoute } from "@/lib/server/http/route";
import { removeMember } from "@/lib/server/members/remove-member";
import { updateMember } from "@/lib/server/members/update-member";

type Params = { processId: string; memberId: string };

export const PATCH = jsonRoute<Params>(async ({ actor, body, params }) => {
  const input = (await body()) as Record<string, unknown>;
  await updateMember(await actor(), { ...input, ...params });
});

export const DELETE = jsonRoute<Params>(async ({ actor, params }) => {
  await removeMember(await actor(), params);
});
