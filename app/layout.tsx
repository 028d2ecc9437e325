import type { Metadata } from "next";
import type { ReactNode } from "react";

import { AppShell } from "@/components/layout/app-shell";
import { QueryProvider } from "@/components/layout/query-provider";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Agent Workbench", template: "%s · Agent Workbench" },
  description: "Configure AI agents, their workflows and the signed webhooks that start them.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
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
