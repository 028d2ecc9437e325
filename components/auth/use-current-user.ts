"use client";

import { useQuery } from "@tanstack/react-query";

import type { CurrentUserDto } from "@/lib/auth/current-user-dto";
import { hasRole, type Role } from "@/lib/auth/roles";
import { apiFetch } from "@/lib/client/api-client";

export const currentUserKey = ["auth", "me"] as const;

/** The signed-in user; pages use `can(role)` to hide what the user may not do (the API enforces it). */
export function useCurrentUser() {
  const query = useQuery({
    queryKey: currentUserKey,
    queryFn: async () => (await apiFetch<{ user: CurrentUserDto }>("/api/auth/me")).user,
    staleTime: 60_000,
  });
  return { ...query, can: (role: Role) => (query.data ? hasRole(query.data.role, role) : false) };
}
