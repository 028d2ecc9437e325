export type CollectionSummaryDto = { collection: string; count: number; updatedAt: string };

export type DataRecordDto = {
  id: string;
  collection: string;
  key: string;
  data: unknown;
  createdAt: string;
  updatedAt: string;
};

export type DataRecordPage = { records: DataRecordDto[]; nextCursor: string | null };
