"use client";

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";

import { ApiClientError } from "@/lib/client/api-client";
import { redirectWhenSignedOut } from "@/lib/client/session-expiry";

export function QueryProvider({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError: redirectWhenSignedOut }),
        mutationCache: new MutationCache({ onError: redirectWhenSignedOut }),
        defaultOptions: {
          queries: {
            staleTime: 5_000,
            // A 4xx will not change by asking again; network and 5xx errors get two more tries.
            retry: (failureCount, error) =>
              !(error instanceof ApiClientError && error.status < 500) && failureCount < 2,
          },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
