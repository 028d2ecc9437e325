import type { DeliveryDto, DeliveryOutcome, DeliverySummaryDto } from "./delivery-dto";

export const deliverySummarySelect = {
  id: true,
  webhookId: true,
  receivedAt: true,
  outcome: true,
  httpStatus: true,
  errorCode: true,
  errorMessage: true,
  verifiedWith: true,
  bodyBytes: true,
  duplicateCount: true,
  execution: { select: { id: true, status: true } },
} as const;

type SummaryRow = {
  id: string;
  webhookId: string;
  receivedAt: Date;
  outcome: string;
  httpStatus: number;
  errorCode: string | null;
  errorMessage: string | null;
  verifiedWith: string | null;
  bodyBytes: number;
  duplicateCount: number;
  execution: { id: string; status: string } | null;
};

type DetailRow = SummaryRow & {
  signedForm: string | null;
  headers: string;
  body: string;
  bodyTruncated: boolean;
  sourceIp: string | null;
};

export function toDeliverySummaryDto(row: SummaryRow): DeliverySummaryDto {
  return {
    id: row.id,
    webhookId: row.webhookId,
    receivedAt: row.receivedAt.toISOString(),
    outcome: row.outcome as DeliveryOutcome,
    httpStatus: row.httpStatus,
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
    verifiedWith: row.verifiedWith as DeliverySummaryDto["verifiedWith"],
    bodyBytes: row.bodyBytes,
    duplicateCount: row.duplicateCount,
    execution: row.execution,
  };
}

export function toDeliveryDto(row: DetailRow): DeliveryDto {
  return {
    ...toDeliverySummaryDto(row),
    signedForm: row.signedForm as DeliveryDto["signedForm"],
    headers: JSON.parse(row.headers) as Record<string, string>,
    body: row.body,
    bodyTruncated: row.bodyTruncated,
    sourceIp: row.sourceIp,
  };
}
