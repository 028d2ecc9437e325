"use client";

import Link from "next/link";

import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import { runPagePath } from "@/lib/client/page-paths";

import { useReplayDelivery } from "./use-replay-delivery";

/** Replay for an accepted delivery, then a link to the run it started. */
export function ReplayButton(props: { agentId: string; webhookId: string; deliveryId: string }) {
  const replay = useReplayDelivery(props);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <Button variant="secondary" disabled={replay.isPending} onClick={() => replay.mutate()}>
          {replay.isPending ? "Replaying…" : "Replay"}
        </Button>
        <span className="text-xs text-slate-500">Runs the workflow again with this body.</span>
        {replay.data ? (
          <p role="status" className="text-sm text-green-700">
            Replay queued.{" "}
            <Link
              href={runPagePath(props.agentId, replay.data.id)}
              className="font-medium text-indigo-600 hover:text-indigo-500"
            >
              Open the new run
            </Link>
          </p>
        ) : null}
      </div>
      <ErrorNotice error={replay.error} />
    </div>
  );
}
