export type DeliveryOutcome = "accepted" | "rejected";

// One received request as the Deliveries view lists it.
export type DeliverySummaryDto = {
  id: string;
  webhookId: string;
  receivedAt: string;
  outcome: DeliveryOutcome;
  httpStatus: number;
  errorCode: string | null;
  errorMessage: string | null;
  verifiedWith: "current" | "previous" | null;
  bodyBytes: number;
  duplicateCount: number;
  execution: { id: string; status: string } | null;
};

export type DeliveryDto = DeliverySummaryDto & {
  signedForm: "raw" | "canonical" | null;
  headers: Record<string, string>;
  body: string;
  bodyTruncated: boolean;
  sourceIp: string | null;
};

export type DeliveryPage = { deliveries: DeliverySummaryDto[]; nextCursor: string | null };
