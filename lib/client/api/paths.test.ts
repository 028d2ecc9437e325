import { describe, expect, it } from "vitest";

import { agentApiPath, queryString, webhookApiPath, workflowApiPath } from "./paths";

describe("API paths", () => {
  it("encodes every id, so an id cannot reach another route", () => {
    expect(agentApiPath("a/../b", "/records")).toBe("/api/agents/a%2F..%2Fb/records");
    expect(webhookApiPath({ agentId: "a 1", webhookId: "w?x" }, "/key")).toBe("/api/agents/a%201/webhooks/w%3Fx/key");
    expect(workflowApiPath("w#1")).toBe("/api/workflows/w%231");
  });
});

describe("queryString", () => {
  it.each([
    [{}, ""],
    [{ limit: "25", cursor: null }, "?limit=25"],
    [{ limit: "25", status: "failed", cursor: "c 1" }, "?limit=25&status=failed&cursor=c+1"],
    [{ outcome: undefined, trigger: "" }, ""],
  ])("%j -> %j", (params, expected) => {
    expect(queryString(params)).toBe(expected);
  });
});
