import { AppError } from "@/lib/errors";
import { errorResponse } from "@/lib/server/http/respond";

// Unknown API paths answer in the API's own error format, not with an HTML page.
function notFound(): Response {
  return errorResponse(new AppError("not_found", "There is no such API endpoint."));
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
