import type { ErrorCode } from "@/lib/errors";

export interface ApiError {
  code: ErrorCode | "network";
  message: string;
  fields?: Array<{ path: string; message: string }>;
  field?: string;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

/** JSON request to Accord's API; never throws — a failed network is an error value too. */
export async function apiRequest<T = unknown>(method: string, url: string, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    return { ok: false, error: { code: "network", message: "network" } };
  }
  if (res.status === 204) return { ok: true, data: undefined as T };
  const json = (await res.json().catch(() => null)) as { error?: ApiError } | null;
  if (!res.ok) return { ok: false, error: json?.error ?? { code: "internal", message: res.statusText } };
  return { ok: true, data: json as T };
}

/** The message for one form field, if the server named it. */
export function fieldError(error: ApiError | null, field: string): string | undefined {
  if (!error) return undefined;
  if (error.field === field) return error.message;
  return error.fields?.find((f) => f.path === field)?.message;
}
