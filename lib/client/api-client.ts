// Browser-side fetch for the Workbench API: JSON in, JSON out, and API errors as ApiClientError.
export type FieldIssue = { field: string; message: string };

export class ApiClientError extends Error {
  readonly status: number;
  readonly code: string;
  /** The first invalid field, when the API names one. */
  readonly field?: string;
  /** Every invalid field (a bad workflow definition can have several). */
  readonly issues: FieldIssue[];

  constructor(opts: { status: number; code: string; message: string; field?: string; issues?: FieldIssue[] }) {
    super(opts.message);
    this.status = opts.status;
    this.code = opts.code;
    this.field = opts.field;
    this.issues = opts.issues ?? (opts.field ? [{ field: opts.field, message: opts.message }] : []);
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
  if (!response.ok) throw toApiClientError(response.status, payload);
  return payload as T;
}

/** Fetches a file the API serves as an attachment, with the name from its Content-Disposition. */
export async function apiDownload(path: string): Promise<{ blob: Blob; filename: string | null }> {
  const response = await fetch(path);
  if (!response.ok) throw toApiClientError(response.status, await response.json().catch(() => null));
  const filename = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? null;
  return { blob: await response.blob(), filename };
}

function toApiClientError(
  status: number,
  payload: { error?: { code?: string; message?: string; field?: string; issues?: FieldIssue[] } } | null,
) {
  const error = payload?.error;
  return new ApiClientError({
    status,
    code: error?.code ?? "http_error",
    message: error?.message ?? `The server answered ${status}`,
    field: error?.field,
    issues: error?.issues,
  });
}
