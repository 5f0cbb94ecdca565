import { jsonRoute } from "@/lib/server/http/route";
import { createProcess } from "@/lib/server/processes/create-process";

export const POST = jsonRoute(async ({ actor, body }) => createProcess(await actor(), await body()), { status: 201 });
