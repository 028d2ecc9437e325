import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";

import { AppShell } from "@/components/layout/app-shell";
import { QueryProvider } from "@/components/layout/query-provider";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Agent Workbench", template: "%s · Agent Workbench" },
  description: "Configure AI agents, their workflows and the signed webhooks that start them.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: its scripts carry that request's CSP nonce (proxy.ts), which a page built ahead of time cannot.
  await connection();
  return (
    <html lang="en">
      <body className="font-sans">
        <QueryProvider>
          <AppShell>{children}</AppShell>
        </QueryProvider>
      </body>
    </html>
  );
}
