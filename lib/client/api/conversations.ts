// The API of an agent's conversations, typed.
import type { ConversationDto, MessageDto } from "@/lib/conversations/conversation-dto";

import { apiFetch } from "../api-client";
import { agentApiPath } from "./paths";

export type ConversationThread = { conversation: ConversationDto; messages: MessageDto[] };

export async function listConversations(opts: { agentId: string }): Promise<ConversationDto[]> {
  const path = agentApiPath(opts.agentId, "/conversations");
  return (await apiFetch<{ conversations: ConversationDto[] }>(path)).conversations;
}

export function getConversationMessages(opts: {
  agentId: string;
  conversationId: string;
}): Promise<ConversationThread> {
  const path = agentApiPath(opts.agentId, `/conversations/${encodeURIComponent(opts.conversationId)}/messages`);
  return apiFetch<ConversationThread>(path);
}
