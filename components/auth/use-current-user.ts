"use client";

import { useQuery } from "@tanstack/react-query";

import { hasRole, type Role } from "@/lib/auth/roles";
import { getCurrentUser } from "@/lib/client/api/auth";
import { queryKeys } from "@/lib/client/query-keys";

/** The signed-in user; pages use `can(role)` to hide what the user may not do (the API enforces it). */
export function useCurrentUser() {
  const query = useQuery({ queryKey: queryKeys.currentUser, queryFn: getCurrentUser, staleTime: 60_000 });
  return { ...query, can: (role: Role) => (query.data ? hasRole(query.data.role, role) : false) };
}
