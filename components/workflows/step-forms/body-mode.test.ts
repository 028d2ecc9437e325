import { describe, expect, it } from "vitest";

import { bodyFormModeOf, bodyWarning, looksLikeJson } from "./body-mode";

describe("bodyFormModeOf", () => {
  it.each([
    [{ bodyMode: "json", body: "x" }, "json"],
    [{ bodyMode: "text", body: "x" }, "text"],
    [{}, "json"],
    [{ body: { id: "{{ trigger.body.id }}" } }, "legacy"],
    [{ body: "hello" }, "legacy"],
  ])("%j is %s", (config, mode) => {
    expect(bodyFormModeOf(config)).toBe(mode);
  });
});

describe("looksLikeJson", () => {
  it.each([
    ['{ "id": 1 }', true],
    ["  {\n  id: trigger.body.id\n}  ", true],
    ['["a"]', true],
    ["id={{ trigger.body.id }}", false],
    ["{{ trigger.body.id }}", false],
    ["{{ trigger.body.a }} and {{ trigger.body.b }}", false],
    ["hello {world}", false],
    ["", false],
  ])("%j → %s", (text, expected) => {
    expect(looksLikeJson(text)).toBe(expected);
  });
});

describe("bodyWarning", () => {
  it("warns when text mode holds JSON", () => {
    expect(bodyWarning({ mode: "text", text: '{ "id": "{{ trigger.body.id }}" }' })).toMatch(/looks like JSON/);
  });

  it("warns when an expression uses {{ }}", () => {
    expect(bodyWarning({ mode: "json", text: '{ "id": "{{ trigger.body.id }}" }' })).toMatch(/without \{\{ \}\}/);
  });

  it.each([
    { mode: "text" as const, text: "Ticket {{ trigger.body.id }} was updated" },
    { mode: "json" as const, text: '{ "id": trigger.body.id }' },
    { mode: "legacy" as const, text: '{ "id": "{{ trigger.body.id }}" }' },
  ])("is quiet for %j", (opts) => {
    expect(bodyWarning(opts)).toBeNull();
  });
});
