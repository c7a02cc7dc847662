/** Browser-side calls to the app's own API: JSON in/out, CSRF header on mutations, one error shape. */
/**
 * The server's error body as the browser received it (status, the server's code or
 * `http_error`, its message). Not a GroundworkError: the code may be one the client does not
 * know (a proxy's page), and components tell it from a network failure with instanceof.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

let csrfToken: string | null = null;

/** Set once by the session provider from the server-rendered session. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function csrfHeaders(method: string): Record<string, string> {
  return method === "GET" || !csrfToken ? {} : { "x-csrf-token": csrfToken };
}

export async function errorFromResponse(res: Response): Promise<ApiError> {
  let code = "http_error";
  let message = `Request failed (${res.status}).`;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.message) message = body.error.message;
    if (body.error?.code) code = body.error.code;
  } catch {
    // Not JSON (proxy error page): keep the generic message.
  }
  return new ApiError(res.status, code, message);
}

export async function apiFetch(
  path: string,
  {
    method = "GET",
    json,
    body,
    signal,
    headers,
  }: { method?: string; json?: unknown; body?: BodyInit; signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<Response> {
  const res = await fetch(path, {
    method,
    signal,
    credentials: "same-origin",
    headers: {
      ...(json !== undefined ? { "content-type": "application/json" } : {}),
      ...csrfHeaders(method),
      ...headers,
    },
    body: json !== undefined ? JSON.stringify(json) : body,
  });
  if (!res.ok) throw await errorFromResponse(res);
  return res;
}

export async function apiJson<T>(path: string, options: Parameters<typeof apiFetch>[1] = {}): Promise<T> {
  const res = await apiFetch(path, options);
  return (await res.json()) as T;
}
