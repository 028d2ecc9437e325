import "server-only";

import type { Db } from "@/lib/db";
import { notFound } from "@/lib/errors/domain-error";

import type { ConversationDto, MessageDto } from "./conversation-dto";

type ConversationRow = {
  id: string;
  externalKey: string;
  title: string;
  createdAt: Date;
  updatedAt: Date;
  _count: { messages: number };
};

const conversationSelect = {
  id: true,
  externalKey: true,
  title: true,
  createdAt: true,
  updatedAt: true,
  _count: { select: { messages: true } },
} as const;

function toConversationDto(row: ConversationRow): ConversationDto {
  return {
    id: row.id,
    externalKey: row.externalKey,
    title: row.title,
    messageCount: row._count.messages,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The agent's conversations, most recently active first. */
export async function listConversations(opts: { db: Db; agentId: string }): Promise<ConversationDto[]> {
  const agent = await opts.db.agent.findUnique({
    where: { id: opts.agentId },
    select: { conversations: { select: conversationSelect, orderBy: { updatedAt: "desc" }, take: 200 } },
  });
  if (!agent) throw notFound("Agent", opts.agentId);
  return agent.conversations.map(toConversationDto);
}

/** A conversation and its latest 500 messages, oldest first. */
export async function listMessages(opts: {
  db: Db;
  agentId: string;
  conversationId: string;
}): Promise<{ conversation: ConversationDto; messages: MessageDto[] }> {
  const row = await opts.db.conversation.findUnique({
    where: { id: opts.conversationId },
    select: { ...conversationSelect, agentId: true },
  });
  if (!row || row.agentId !== opts.agentId) throw notFound("Conversation", opts.conversationId);
  const messages = await opts.db.message.findMany({
    where: { conversationId: row.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 500,
  });
  return {
    conversation: toConversationDto(row),
    messages: messages.reverse().map((message) => ({
      id: message.id,
      role: message.role as MessageDto["role"],
      content: message.content,
      executionId: message.executionId,
      createdAt: message.createdAt.toISOString(),
    })),
  };
}
