"use client";

import { useState } from "react";

import { ErrorNotice } from "@/components/ui/error-notice";
import { Loading } from "@/components/ui/loading";
import { formatDateTime } from "@/lib/client/format-date-time";

import { MessageThread } from "./message-thread";
import { useConversations } from "./use-data";

/** Conversations that Notify steps post to, each with its messages, updating live. */
export function ConversationsSection({ agentId }: { agentId: string }) {
  const conversations = useConversations(agentId);
  const [chosen, setChosen] = useState<string | null>(null);
  const list = conversations.data ?? [];
  const selected = list.find((item) => item.id === chosen) ?? list[0] ?? null;

  return (
    <section
      aria-labelledby="conversations-heading"
      className="space-y-4 rounded-xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
    >
      <div>
        <h2 id="conversations-heading" className="text-base font-semibold text-slate-900">
          Conversations
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Messages that Notify steps post, one conversation per key (a ticket, a team). Updates every few seconds.
        </p>
      </div>
      <ErrorNotice error={conversations.error} />
      {conversations.isPending ? <Loading label="Loading conversations…" /> : null}
      {conversations.data?.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-600">
          No conversations yet. A Notify step creates one the first time it posts to a key.
        </p>
      ) : null}
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
    </section>
  );
}
