import "server-only";

import type { Db } from "@/lib/db";
import { createId } from "@/lib/ids";

// Posts a message to one of an agent's conversations, found by its external key (a ticket id,
// a customer id) or created on first use. The unique (agentId, externalKey) index settles
// concurrent first posts: the loser of the insert race reads the winner's conversation.

export type PostedMessage = {
  conversationId: string;
  messageId: string;
  createdAt: Date;
  conversationCreated: boolean;
  duplicate: boolean;
};

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === "P2002";
}

async function findOrCreateConversation(opts: {
  db: Db;
  agentId: string;
  externalKey: string;
  title: string;
}): Promise<{ id: string; created: boolean }> {
  const where = { agentId_externalKey: { agentId: opts.agentId, externalKey: opts.externalKey } };
  const existing = await opts.db.conversation.findUnique({ where, select: { id: true } });
  if (existing) return { id: existing.id, created: false };
  try {
    const created = await opts.db.conversation.create({
      data: { id: createId("conv"), agentId: opts.agentId, externalKey: opts.externalKey, title: opts.title },
      select: { id: true },
    });
    return { id: created.id, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await opts.db.conversation.findUnique({ where, select: { id: true } });
    if (!winner) throw error;
    return { id: winner.id, created: false };
  }
}

export async function postMessage(opts: {
  db: Db;
  agentId: string;
  conversationKey: string;
  /** Used only when the conversation is created; defaults to the key. */
  title?: string;
  content: string;
  role?: "agent" | "system";
  executionId?: string | null;
  /**
   * When this execution already posted this content here, return that message instead of posting
   * again: a retried run re-runs the Notify step that failed (e.g. on its outbound POST).
   */
  reuseFromExecution?: boolean;
}): Promise<PostedMessage> {
  const conversation = await findOrCreateConversation({
    db: opts.db,
    agentId: opts.agentId,
    externalKey: opts.conversationKey,
    title: opts.title || opts.conversationKey,
  });
  const executionId = opts.executionId ?? null;
  if (executionId && opts.reuseFromExecution) {
    const posted = await opts.db.message.findFirst({
      where: { conversationId: conversation.id, executionId, content: opts.content },
      select: { id: true, createdAt: true },
    });
    if (posted)
      return {
        conversationId: conversation.id,
        messageId: posted.id,
        createdAt: posted.createdAt,
        conversationCreated: false,
        duplicate: true,
      };
  }
  const createdAt = new Date();
  const [message] = await opts.db.$transaction([
    opts.db.message.create({
      data: {
        id: createId("msg"),
        conversationId: conversation.id,
        role: opts.role ?? "agent",
        content: opts.content,
        executionId,
        createdAt,
      },
      select: { id: true },
    }),
    // Conversations are listed by latest activity; the UI polls on this.
    opts.db.conversation.update({ where: { id: conversation.id }, data: { updatedAt: createdAt } }),
  ]);
  return {
    conversationId: conversation.id,
    messageId: message.id,
    createdAt,
    conversationCreated: conversation.created,
    duplicate: false,
  };
}
