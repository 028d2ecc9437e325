// The API of an agent's stored records, typed.
import type { CollectionSummaryDto, DataRecordPage } from "@/lib/records/record-dto";

import { apiFetch } from "../api-client";
import { agentApiPath, queryString } from "./paths";

export async function listCollections(opts: { agentId: string }): Promise<CollectionSummaryDto[]> {
  const path = agentApiPath(opts.agentId, "/records");
  return (await apiFetch<{ collections: CollectionSummaryDto[] }>(path)).collections;
}

export function listRecords(opts: {
  agentId: string;
  collection: string;
  limit: number;
  cursor: string | null;
}): Promise<DataRecordPage> {
  const query = queryString({ collection: opts.collection, limit: String(opts.limit), cursor: opts.cursor });
  return apiFetch<DataRecordPage>(agentApiPath(opts.agentId, `/records${query}`));
}

export function deleteRecord(opts: { agentId: string; recordId: string }): Promise<void> {
  return apiFetch<void>(agentApiPath(opts.agentId, `/records/${encodeURIComponent(opts.recordId)}`), {
    method: "DELETE",
  });
}
