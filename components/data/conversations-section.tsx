"use client";

import { useState } from "react";

import { formatDateTime } from "@/lib/client/format-date-time";

import { DataSection } from "./data-section";
import { MessageThread } from "./message-thread";
import { useConversations } from "./use-data";

/** Conversations that Notify steps post to, each with its messages, updating live. */
export function ConversationsSection({ agentId }: { agentId: string }) {
  const conversations = useConversations(agentId);
  const [chosen, setChosen] = useState<string | null>(null);
  const list = conversations.data ?? [];
  const selected = list.find((item) => item.id === chosen) ?? list[0] ?? null;

  return (
    <DataSection
      id="conversations"
      title="Conversations"
      description="Messages that Notify steps post, one conversation per key (a ticket, a team). Updates every few seconds."
      query={conversations}
      loadingLabel="Loading conversations…"
      empty="No conversations yet. A Notify step creates one the first time it posts to a key."
    >
      {selected ? (
        <div className="grid gap-4 lg:grid-cols-[18rem_minmax(0,1fr)]">
          <ul aria-label="Conversations" className="max-h-[28rem] space-y-1 overflow-y-auto">
            {list.map((conversation) => {
              const active = conversation.id === selected.id;
              return (
                <li key={conversation.id}>
                  <button
                    type="button"
                    aria-pressed={active}
                    onClick={() => setChosen(conversation.id)}
                    className={`w-full rounded-md px-3 py-2 text-left ${active ? "bg-indigo-50 ring-1 ring-indigo-200 ring-inset" : "hover:bg-slate-50"}`}
                  >
                    <span className="flex items-baseline justify-between gap-2">
                      <span
                        className={`truncate text-sm ${active ? "font-semibold text-indigo-800" : "font-medium text-slate-900"}`}
                      >
                        {conversation.title || conversation.externalKey}
                      </span>
                      <span className="shrink-0 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-600 tabular-nums">
                        {conversation.messageCount}{" "}
                        <span className="sr-only">{conversation.messageCount === 1 ? "message" : "messages"}</span>
                      </span>
                    </span>
                    <span className="mt-0.5 flex justify-between gap-2 text-xs text-slate-500">
                      <span className="truncate font-mono">{conversation.externalKey}</span>
                      <time dateTime={conversation.updatedAt} className="shrink-0">
                        {formatDateTime(conversation.updatedAt, { compact: true })}
                      </time>
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
          <MessageThread key={selected.id} agentId={agentId} conversation={selected} />
        </div>
      ) : null}
    </DataSection>
  );
}
