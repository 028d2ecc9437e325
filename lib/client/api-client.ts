// Browser-side fetch for the Workbench API: JSON in, JSON out, and API errors as ApiClientError.
export class ApiClientError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;

  constructor(opts: { status: number; code: string; message: string; field?: string }) {
    super(opts.message);
    this.status = opts.status;
    this.code = opts.code;
    this.field = opts.field;
  }
}

export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const response = await fetch(path, {
    method: init.method ?? "GET",
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (response.status === 204) return undefined as T;
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const error = payload?.error;
    throw new ApiClientError({
      status: response.status,
      code: error?.code ?? "http_error",
      message: error?.message ?? `The server answered ${response.status}`,
      field: error?.field,
    });
  }
  return payload as T;
}
