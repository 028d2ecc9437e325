"use client";

import Link from "next/link";

import { useCurrentUser } from "@/components/auth/use-current-user";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Loading } from "@/components/ui/loading";
import { runPagePath } from "@/lib/client/page-paths";
import type { DeliveryDto } from "@/lib/deliveries/delivery-dto";

import { ReplayButton } from "./replay-button";
import { useDelivery } from "./use-deliveries";

/** Shows JSON bodies indented, and anything else exactly as received. */
function formatBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

const signedForms: Record<NonNullable<DeliveryDto["signedForm"]>, string> = {
  raw: "the raw body bytes",
  canonical: "the compact JSON form of the body",
};

export function DeliveryDetail(props: { agentId: string; webhookId: string; deliveryId: string }) {
  const delivery = useDelivery(props);
  const canBuild = useCurrentUser().can("builder");
  if (delivery.error) return <ErrorNotice error={delivery.error} />;
  if (!delivery.data) return <Loading label="Loading delivery…" />;
  const { data } = delivery;

  return (
    <div className="space-y-4">
      {data.outcome === "accepted" && canBuild ? (
        <ReplayButton agentId={props.agentId} webhookId={props.webhookId} deliveryId={data.id} />
      ) : null}
      <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-500">Delivery id</dt>
        <dd className="font-mono text-slate-800">{data.id}</dd>
        {data.execution ? (
          <>
            <dt className="text-slate-500">Run</dt>
            <dd>
              <Link
                href={runPagePath(props.agentId, data.execution.id)}
                className="font-mono font-medium text-indigo-600 hover:text-indigo-500 hover:underline"
              >
                {data.execution.id}
              </Link>
            </dd>
          </>
        ) : null}
        <dt className="text-slate-500">Source IP</dt>
        <dd className="text-slate-800">{data.sourceIp ?? "Unknown"}</dd>
        <dt className="text-slate-500">Body size</dt>
        <dd className="text-slate-800">{data.bodyBytes.toLocaleString()} bytes</dd>
        {data.signedForm ? (
          <>
            <dt className="text-slate-500">Signature matched</dt>
            <dd className="text-slate-800">{signedForms[data.signedForm]}</dd>
          </>
        ) : null}
        {data.errorCode ? (
          <>
            <dt className="text-slate-500">Error code</dt>
            <dd className="font-mono text-slate-800">{data.errorCode}</dd>
          </>
        ) : null}
      </dl>
      <table aria-label="Request headers" className="w-full text-left text-sm">
        <thead className="text-xs tracking-wide text-slate-500 uppercase">
          <tr>
            <th className="w-1/3 py-1 pr-4 font-medium">Header</th>
            <th className="py-1 font-medium">Value</th>
          </tr>
        </thead>
        <tbody className="font-mono text-[13px] text-slate-800">
          {Object.entries(data.headers).map(([name, value]) => (
            <tr key={name} className="border-t border-slate-200 align-top">
              <td className="py-1 pr-4">{name}</td>
              <td className="py-1 break-all">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="space-y-1">
        <h4 className="text-xs font-medium tracking-wide text-slate-500 uppercase">Body</h4>
        <pre
          role="region"
          aria-label="Request body"
          tabIndex={0}
          className="max-h-96 overflow-auto rounded-lg bg-slate-900 p-4 font-mono text-[13px] text-slate-100"
        >
          {data.body ? formatBody(data.body) : "(empty)"}
        </pre>
        {data.bodyTruncated ? (
          <p className="text-xs text-slate-500">Only the beginning of the body was stored.</p>
        ) : null}
      </div>
    </div>
  );
}
