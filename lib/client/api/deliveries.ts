// The API of a webhook's delivery log, typed.
import type { DeliveryDto, DeliveryOutcome, DeliveryPage } from "@/lib/deliveries/delivery-dto";
import type { ExecutionSummaryDto } from "@/lib/executions/execution-dto";

import { apiFetch } from "../api-client";
import { queryString, webhookApiPath } from "./paths";

type DeliveryRef = { agentId: string; webhookId: string; deliveryId: string };

const deliveryPath = (opts: DeliveryRef, suffix = "") =>
  webhookApiPath(opts, `/deliveries/${encodeURIComponent(opts.deliveryId)}${suffix}`);

export function listDeliveries(opts: {
  agentId: string;
  webhookId: string;
  outcome: DeliveryOutcome | null;
  limit: number;
  cursor: string | null;
}): Promise<DeliveryPage> {
  const query = queryString({ limit: String(opts.limit), outcome: opts.outcome, cursor: opts.cursor });
  return apiFetch<DeliveryPage>(webhookApiPath(opts, `/deliveries${query}`));
}

export async function getDelivery(opts: DeliveryRef): Promise<DeliveryDto> {
  return (await apiFetch<{ delivery: DeliveryDto }>(deliveryPath(opts))).delivery;
}

/** Replay: a new run of the webhook's workflow from the delivery's stored body; the answer is that run. */
export async function replayDelivery(opts: DeliveryRef): Promise<ExecutionSummaryDto> {
  return (await apiFetch<{ execution: ExecutionSummaryDto }>(deliveryPath(opts, "/replay"), { method: "POST" }))
    .execution;
}
