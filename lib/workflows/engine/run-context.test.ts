import { describe, expect, it } from "vitest";

import { buildRunContext, toStoredJson } from "./run-context";

const agent = { id: "ag_1", name: "Fraud monitor" };

describe("buildRunContext", () => {
  it("reads the trigger from the delivery that queued the run", () => {
    const context = buildRunContext({
      id: "run_1",
      attempt: 2,
      input: null,
      agent,
      delivery: {
        body: '\uFEFF{"amount":12}',
        headers: '{"content-type":"application/json"}',
        receivedAt: new Date("2026-01-02T03:04:05.000Z"),
        webhookId: "wh_1",
      },
    });
    expect(context).toEqual({
      trigger: {
        body: { amount: 12 },
        headers: { "content-type": "application/json" },
        receivedAt: "2026-01-02T03:04:05.000Z",
        webhookId: "wh_1",
      },
      steps: {},
      agent,
      execution: { id: "run_1", attempt: 2 },
      secrets: {},
    });
  });

  it("parses a stored body the endpoint's safe way: hostile keys dropped, too deep refused", () => {
    const execution = (body: string) => ({
      id: "run_3",
      attempt: 1,
      input: null,
      agent,
      delivery: { body, headers: "{}", receivedAt: new Date(0), webhookId: "wh_1" },
    });
    const context = buildRunContext(
      execution('{"a":1,"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
    );
    expect(context.trigger.body).toEqual({ a: 1 });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(() => buildRunContext(execution("[".repeat(65) + "]".repeat(65)))).toThrow(
      "The webhook body nests arrays and objects deeper than 64 levels",
    );
  });

  it("reads the trigger from the run's own input for test runs and replays", () => {
    const trigger = { body: ["a"], headers: {}, receivedAt: "2026-01-01T00:00:00.000Z", webhookId: null };
    expect(
      buildRunContext({ id: "run_2", attempt: 1, input: JSON.stringify(trigger), agent, delivery: null }).trigger,
    ).toEqual(trigger);
  });
});

describe("toStoredJson", () => {
  it("keeps ordinary outputs whole", () => {
    expect(JSON.parse(toStoredJson({ a: [1, 2] }))).toEqual({ a: [1, 2] });
    expect(toStoredJson(undefined)).toBe("null");
  });

  it("cuts huge outputs down to a marked preview", () => {
    const stored = JSON.parse(toStoredJson({ text: "x".repeat(300_000) }));
    expect(stored).toMatchObject({ truncated: true, bytes: expect.any(Number) });
    expect(stored.preview.length).toBe(4096);
  });
});
