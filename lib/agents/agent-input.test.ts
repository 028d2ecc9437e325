import { describe, expect, it } from "vitest";

import { createAgentInput, updateAgentInput } from "./agent-input";

const messagesOf = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
  result.error?.issues.map((issue) => issue.message) ?? [];

describe("createAgentInput", () => {
  it("trims the name and description and defaults the description", () => {
    expect(createAgentInput.parse({ name: "  Invoice reader  " })).toEqual({ name: "Invoice reader", description: "" });
    expect(createAgentInput.parse({ name: "A", description: "  reads PDFs \n" })).toEqual({
      name: "A",
      description: "reads PDFs",
    });
  });

  it("accepts a name of exactly 100 characters", () => {
    expect(createAgentInput.parse({ name: "n".repeat(100) }).name).toHaveLength(100);
  });

  it.each([
    ["an empty name", { name: "" }, "Name is required"],
    ["a blank name", { name: "   \t" }, "Name is required"],
    ["a name over 100 characters", { name: "n".repeat(101) }, "Name must be at most 100 characters"],
    [
      "a description over 2000 characters",
      { name: "A", description: "d".repeat(2001) },
      "Description must be at most 2000 characters",
    ],
    ["a NUL character in the name", { name: "a\u0000b" }, "Name must not contain NUL characters"],
    [
      "a NUL character in the description",
      { name: "A", description: "\u0000" },
      "Description must not contain NUL characters",
    ],
  ])("rejects %s", (_name, input, message) => {
    expect(messagesOf(createAgentInput.safeParse(input))).toContain(message);
  });

  it.each([
    ["a missing name", { description: "x" }],
    ["a name that is not a string", { name: 42 }],
    ["null", null],
    ["an array", [{ name: "A" }]],
  ])("rejects %s", (_name, input) => {
    expect(createAgentInput.safeParse(input).success).toBe(false);
  });

  it("rejects unknown keys instead of dropping them", () => {
    const result = createAgentInput.safeParse({ name: "A", role: "admin" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].code).toBe("unrecognized_keys");
  });
});

describe("updateAgentInput", () => {
  it("accepts a name or a description alone", () => {
    expect(updateAgentInput.parse({ name: " B " })).toEqual({ name: "B" });
    expect(updateAgentInput.parse({ description: "" })).toEqual({ description: "" });
  });

  it("rejects an update that changes nothing", () => {
    expect(messagesOf(updateAgentInput.safeParse({}))).toContain("Send name or description to change");
  });

  it("rejects a blank name and unknown keys", () => {
    expect(messagesOf(updateAgentInput.safeParse({ name: " " }))).toContain("Name is required");
    expect(updateAgentInput.safeParse({ name: "B", id: "other" }).success).toBe(false);
  });
});
