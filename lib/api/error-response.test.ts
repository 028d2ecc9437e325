import { describe, expect, it } from "vitest";
import { z } from "zod";

import { DomainError, domainErrorCodes, notFound, type DomainErrorCode } from "@/lib/errors/domain-error";

import { toErrorResponse } from "./error-response";

function zodErrorOf(schema: z.ZodType, value: unknown): z.ZodError {
  const result = schema.safeParse(value);
  if (result.success) throw new Error("expected the value to be rejected");
  return result.error;
}

// Each code with the status the API answers for it, written out so a changed table entry fails here.
const expectedStatus: Record<DomainErrorCode, number> = {
  invalid_input: 400,
  malformed_json: 400,
  unsupported_media_type: 415,
  payload_too_large: 413,
  unauthenticated: 401,
  invalid_token: 401,
  token_expired: 401,
  token_revoked: 401,
  session_required: 403,
  invalid_credentials: 401,
  forbidden: 403,
  cross_site_request: 403,
  cannot_remove_self: 409,
  not_found: 404,
  conflict: 409,
  email_taken: 409,
  last_owner: 409,
  setup_done: 409,
  version_conflict: 409,
  credential_required: 409,
  workflow_in_use: 409,
  key_exists: 409,
  key_changed: 409,
  no_key: 409,
  scheme_change_requires_new_key: 409,
  not_retryable: 409,
  not_replayable: 409,
  too_many_attempts: 429,
  rate_limited: 429,
};

describe("toErrorResponse", () => {
  it.each(domainErrorCodes.map((code) => [code, expectedStatus[code]] as const))(
    "answers a DomainError %s with %i, its code and message",
    (code, status) => {
      expect(toErrorResponse(new DomainError({ code, message: "Named problem" }))).toEqual({
        status,
        body: { error: { code, message: "Named problem" } },
        headers: {},
      });
    },
  );

  it("names the field at fault", () => {
    const error = new DomainError({ code: "email_taken", message: "Email taken", field: "email" });
    expect(toErrorResponse(error)).toMatchObject({
      status: 409,
      body: { error: { code: "email_taken", message: "Email taken", field: "email" } },
    });
  });

  it("leaves field out when the DomainError has none", () => {
    const { status, body } = toErrorResponse(notFound("Agent", "a1"));
    expect(status).toBe(404);
    expect(body.error).toEqual({ code: "not_found", message: "Agent a1 was not found" });
    expect("field" in body.error).toBe(false);
  });

  it("answers a wrong password in a form field with 400 on that field, a failed sign-in with 401", () => {
    const field = new DomainError({ code: "invalid_credentials", message: "Wrong", field: "currentPassword" });
    expect(toErrorResponse(field)).toMatchObject({ status: 400, body: { error: { field: "currentPassword" } } });
    expect(toErrorResponse(new DomainError({ code: "invalid_credentials", message: "Wrong" })).status).toBe(401);
  });

  it("turns retryAfterSeconds into a Retry-After header", () => {
    const error = new DomainError({ code: "too_many_attempts", message: "Wait", retryAfterSeconds: 900 });
    expect(toErrorResponse(error)).toMatchObject({ status: 429, headers: { "retry-after": "900" } });
  });

  it("answers a ZodError with 400 naming the first failing field", () => {
    const schema = z.strictObject({ name: z.string().min(1, "Name is required"), age: z.number() });
    const { status, body } = toErrorResponse(zodErrorOf(schema, { name: "", age: "x" }));
    expect(status).toBe(400);
    expect(body.error.code).toBe("invalid_input");
    expect(body.error.field).toBe("name");
    expect(body.error.message).toBe("name: Name is required");
    expect(body.error.issues?.map((issue) => issue.field)).toEqual(["name", "age"]);
  });

  it("joins nested paths with dots", () => {
    const schema = z.object({ steps: z.array(z.object({ id: z.string() })) });
    expect(toErrorResponse(zodErrorOf(schema, { steps: [{ id: "a" }, { id: 7 }] })).body.error.field).toBe(
      "steps.1.id",
    );
  });

  it("names the body when the problem is the whole value", () => {
    const { status, body } = toErrorResponse(zodErrorOf(z.strictObject({ name: z.string() }), []));
    expect(status).toBe(400);
    expect(body.error.field).toBe("body");
  });

  it.each([
    ["an Error", new Error("connect ECONNREFUSED 10.0.0.5:5432 password=hunter2")],
    ["a TypeError", new TypeError("Cannot read properties of undefined (reading 'secret')")],
    ["a thrown string", "password=hunter2"],
    ["null", null],
  ])("answers %s with 500 and a generic message", (_name, thrown) => {
    const { status, body } = toErrorResponse(thrown);
    expect(status).toBe(500);
    expect(body.error.code).toBe("internal_error");
    expect(JSON.stringify(body)).not.toMatch(/hunter2|ECONNREFUSED|secret/);
  });
});
