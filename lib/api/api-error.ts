/** An error the API answers with its own status and a JSON body naming the problem. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  /** Extra response headers, e.g. Retry-After on a 429. */
  readonly headers?: Record<string, string>;

  constructor(opts: {
    status: number;
    code: string;
    message: string;
    field?: string;
    headers?: Record<string, string>;
  }) {
    super(opts.message);
    this.status = opts.status;
    this.code = opts.code;
    this.field = opts.field;
    this.headers = opts.headers;
  }
}

export type ApiErrorBody = {
  error: { code: string; message: string; field?: string; issues?: { field: string; message: string }[] };
};

export function notFound(resource: string, id: string): ApiError {
  return new ApiError({ status: 404, code: "not_found", message: `${resource} ${id} was not found` });
}
