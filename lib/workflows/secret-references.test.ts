import { describe, expect, it } from "vitest";

import { findSecretReferences } from "./secret-references";

describe("findSecretReferences", () => {
  it.each([
    ["a header template", { headers: { Authorization: "Bearer {{ secrets.CRM_TOKEN }}" } }, ["CRM_TOKEN"]],
    ["spaces around the dot", "{{ secrets . API_KEY }}", ["API_KEY"]],
    ["a backtick name", "{{ secrets.`WEIRD_NAME` }}", ["WEIRD_NAME"]],
    ["an expression field", { expression: '$string(secrets.A) & "-" & secrets.B' }, ["A", "B"]],
    ["nested arrays", { rules: [{ when: "x = secrets.ONE" }, { when: "secrets.TWO" }] }, ["ONE", "TWO"]],
    ["repeats once", ["{{ secrets.X }}", "{{ secrets.X }}"], ["X"]],
    ["a lower-case name (found, then reported missing)", "{{ secrets.token }}", ["token"]],
    ["a path that merely contains secrets", "{{ steps.fetch.body.secrets.count }}", []],
    ["a longer word", "{{ mysecrets.X }}", []],
    ["prose without a dot", "keep your secrets safe", []],
    ["numbers and booleans", { timeoutSeconds: 10, json: true, body: null }, []],
  ])("%s", (_case, value, expected) => {
    expect(findSecretReferences(value)).toEqual(expected);
  });
});
