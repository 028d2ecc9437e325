import { describe, expect, it } from "vitest";
import { z } from "zod";

import { ApiError, notFound } from "./api-error";
import { toErrorResponse } from "./error-response";

function zodErrorOf(schema: z.ZodType, value: unknown): z.ZodError {
  const result = schema.safeParse(value);
  if (result.success) throw new Error("expected the value to be rejected");
  return result.error;
}

describe("toErrorResponse", () => {
  it("answers an ApiError with its own status, code, message and field", () => {
    const error = new ApiError({ status: 409, code: "conflict", message: "Name taken", field: "name" });
    expect(toErrorResponse(error)).toEqual({
      status: 409,
      body: { error: { code: "conflict", message: "Name taken", field: "name" } },
    });
  });

  it("leaves field out when the ApiError has none", () => {
    const { status, body } = toErrorResponse(notFound("Agent", "a1"));
    expect(status).toBe(404);
    expect(body.error).toEqual({ code: "not_found", message: "Agent a1 was not found" });
    expect("field" in body.error).toBe(false);
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
