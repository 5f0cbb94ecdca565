import { clientAddress } from "@/lib/server/auth/rate-limiter";
import { jsonRoute } from "@/lib/server/http/route";
import { signUp } from "@/lib/server/users/sign-up";

export const POST = jsonRoute(async ({ req, body }) => {
  const user = await signUp(await body(), clientAddress(req.headers));
  return { id: user.id, email: user.email };
}, { status: 201 });
