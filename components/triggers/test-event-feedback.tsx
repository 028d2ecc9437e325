"use client";

import { ErrorNotice } from "@/components/ui/error-notice";

import type { WebhookCommands } from "./use-webhook-commands";

/** The outcome of Send Test Event, and any error from the webhook's other commands. */
export function TestEventFeedback({ commands }: { commands: WebhookCommands }) {
  const { testEvent } = commands;
  const result = testEvent.data;
  return (
    <>
      {testEvent.isPending ? (
        <p role="status" className="text-sm text-slate-500">
          Sending test event…
        </p>
      ) : result?.delivered ? (
        <p
          role="status"
          className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800 ring-1 ring-green-200 ring-inset"
        >
          Test event delivered: {result.httpStatus}
        </p>
      ) : result ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 ring-1 ring-red-200 ring-inset">
          Test event not delivered{result.httpStatus ? `: ${result.httpStatus}` : ""}
          {result.error ? ` — ${result.error}` : ""}
        </p>
      ) : null}
      <ErrorNotice error={testEvent.error ?? commands.error} />
    </>
  );
}
