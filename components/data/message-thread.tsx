"use client";

import Link from "next/link";
import { useEffect, useRef } from "react";

import { Badge } from "@/components/ui/badge";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Loading } from "@/components/ui/loading";
import { formatDateTime } from "@/lib/client/format-date-time";
import { runPagePath } from "@/lib/client/page-paths";
import type { ConversationDto } from "@/lib/conversations/conversation-dto";

import { useMessages } from "./use-data";

/** One conversation's messages, oldest first, each linked to the run that posted it. */
export function MessageThread({ agentId, conversation }: { agentId: string; conversation: ConversationDto }) {
  const thread = useMessages(agentId, conversation.id);
  const messages = thread.data?.messages ?? [];
  const listRef = useRef<HTMLOListElement>(null);

  // Keep the newest message in view as messages arrive.
  useEffect(() => {
    const list = listRef.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [messages.length]);

  return (
    <div className="min-w-0 space-y-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-200 ring-inset">
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 pb-2">
        <h3 className="text-sm font-semibold text-slate-900">{conversation.title || conversation.externalKey}</h3>
        <span className="font-mono text-xs text-slate-500">key: {conversation.externalKey}</span>
      </div>
      <ErrorNotice error={thread.error} />
      {thread.isPending ? <Loading label="Loading messages…" /> : null}
      {thread.isSuccess && messages.length === 0 ? (
        <p className="py-6 text-center text-sm text-slate-500">No messages yet.</p>
      ) : null}
      <ol ref={listRef} aria-label="Messages" className="max-h-[28rem] space-y-3 overflow-y-auto">
        {messages.map((message) => (
          <li key={message.id} className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200">
            <div className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
              {message.role === "agent" ? <Badge tone="indigo">Agent</Badge> : <Badge>System</Badge>}
              <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, { compact: true })}</time>
              {message.executionId ? (
                <Link
                  href={runPagePath(agentId, message.executionId)}
                  className="ml-auto font-medium text-indigo-600 hover:text-indigo-500"
                >
                  View run
                </Link>
              ) : null}
            </div>
            <p className="mt-2 text-sm break-words whitespace-pre-wrap text-slate-800">{message.content}</p>
          </li>
        ))}
      </ol>
    </div>
  );
}
