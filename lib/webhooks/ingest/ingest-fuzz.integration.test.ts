// Fuzzes the public endpoint on both providers with a few thousand seeded random requests (bodies,
// headers, signatures, content types, webhook ids, methods): never a 5xx, and never a stored
// execution that a validly signed request did not ask for.
import { describe, expect, it } from "vitest";

import { providers } from "@/test/databases";
import { useWebhookApp } from "@/test/webhook-app";
import { createRandom, randomRequest, type FuzzRequest, type FuzzTarget } from "@/test/webhook-fuzz";

// Change the seed to explore; a failure names the seed and the request index, which replays it.
const SEED = 20_261_129;
const REQUESTS = 2_500;
const PARALLEL = 8;
const MAX_BODY_BYTES = 4096;
const generous = { rateLimitPerSecond: 10_000, rateLimitBurst: 100_000 };

describe.each(providers)("webhook endpoint fuzzing on %s", (provider) => {
  const harness = useWebhookApp(provider, { env: { WEBHOOK_MAX_BODY_BYTES: String(MAX_BODY_BYTES) } });

  async function targets(): Promise<FuzzTarget[]> {
    const { app, direct } = harness;
    const plain = await harness.createWebhook({ settings: generous });
    const standard = await harness.createWebhook({ settings: { ...generous, signatureScheme: "standard-webhooks" } });
    const keyless = await harness.createWebhook({ withKey: false, settings: generous });
    const throttled = await harness.createWebhook({ settings: { rateLimitPerSecond: 1, rateLimitBurst: 2 } });
    const fenced = await harness.createWebhook({ settings: { ...generous, ipAllowList: ["203.0.113.0/24", "::1"] } });
    const disabled = await harness.createWebhook({ settings: generous });
    await app.webhooks.updateWebhook({
      db: direct,
      agentId: disabled.agent.id,
      webhookId: disabled.webhook.id,
      input: { enabled: false },
      baseUrl: "http://localhost",
    });
    return [
      { id: plain.webhook.id, scheme: "x-signature", key: plain.privateKey },
      { id: plain.webhook.id, scheme: "x-signature", key: plain.privateKey },
      { id: standard.webhook.id, scheme: "standard-webhooks", key: standard.privateKey },
      { id: standard.webhook.id, scheme: "standard-webhooks", key: standard.privateKey },
      { id: keyless.webhook.id, scheme: "x-signature", key: null },
      { id: throttled.webhook.id, scheme: "x-signature", key: throttled.privateKey },
      { id: fenced.webhook.id, scheme: "x-signature", key: fenced.privateKey },
      { id: disabled.webhook.id, scheme: "x-signature", key: disabled.privateKey },
    ];
  }

  async function send(fuzz: FuzzRequest): Promise<number> {
    if (fuzz.method !== "POST") return harness.app.ingestRoute[fuzz.method]().status;
    return (await harness.app.ingestRoute.POST(fuzz.request, { params: Promise.resolve({ id: fuzz.webhookId }) }))
      .status;
  }

  it(
    `answers ${REQUESTS} random requests (seed ${SEED}) without a 5xx, accepting only validly signed ones`,
    { timeout: 120_000 },
    async () => {
      const random = createRandom(SEED);
      const webhooks = await targets();
      const requests = Array.from({ length: REQUESTS }, () => randomRequest(random, webhooks, MAX_BODY_BYTES));
      const statuses: number[] = [];
      for (let start = 0; start < requests.length; start += PARALLEL) {
        statuses.push(...(await Promise.all(requests.slice(start, start + PARALLEL).map(send))));
      }

      const serverErrors = statuses.flatMap((status, index) => (status >= 500 ? [`#${index}: ${status}`] : []));
      expect(serverErrors, `seed ${SEED}`).toEqual([]);
      const acceptedUnsigned = statuses.flatMap((status, index) =>
        status < 300 && !requests[index].validlySigned ? [`#${index}: ${status}`] : [],
      );
      expect(acceptedUnsigned, `seed ${SEED}`).toEqual([]);

      const accepted = statuses.filter((status) => status === 202).length;
      const validlySigned = requests.filter((request) => request.validlySigned).length;
      const executions = await harness.direct.execution.count();
      expect(executions).toBe(accepted);
      expect(executions).toBeLessThanOrEqual(validlySigned);
      // The run reached the interesting paths, not only one kind of refusal.
      for (const status of [200, 202, 400, 401, 403, 404, 405, 413, 415, 429])
        expect(statuses, `status ${status}`).toContain(status);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      // Unsigned traffic stays bounded in the log.
      for (const { id } of webhooks)
        expect(
          await harness.direct.delivery.count({ where: { webhookId: id, outcome: "rejected" } }),
        ).toBeLessThanOrEqual(200);
    },
  );
});
