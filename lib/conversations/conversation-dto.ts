export type ConversationDto = {
  id: string;
  externalKey: string;
  title: string;
  messageCount: number;
  createdAt: string;
  updatedAt: string;
};

export type MessageDto = {
  id: string;
  role: "agent" | "system";
  content: string;
  executionId: string | null;
  createdAt: string;
};
