"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { currentUserKey } from "@/components/auth/use-current-user";
import type { Role } from "@/lib/auth/roles";
import { apiFetch } from "@/lib/client/api-client";
import { queryKeys } from "@/lib/client/query-keys";
import type { UserDto } from "@/lib/users/user-dto";

export type CreateUserInput = { email: string; name: string; role: Role; password: string };
export type UpdateUserInput = { name?: string; role?: Role; password?: string };

const userPath = (userId: string) => `/api/users/${encodeURIComponent(userId)}`;

export function useUsers(opts: { enabled: boolean }) {
  return useQuery({
    queryKey: queryKeys.users,
    queryFn: async () => (await apiFetch<{ users: UserDto[] }>("/api/users")).users,
    enabled: opts.enabled,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: CreateUserInput) =>
      (await apiFetch<{ user: UserDto }>("/api/users", { method: "POST", body: input })).user,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (opts: { userId: string; input: UpdateUserInput }) =>
      (await apiFetch<{ user: UserDto }>(userPath(opts.userId), { method: "PATCH", body: opts.input })).user,
    onSuccess: async () => {
      // Changing one's own role changes what the whole app offers.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.users }),
        queryClient.invalidateQueries({ queryKey: currentUserKey }),
      ]);
    },
  });
}

export function useDeleteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => apiFetch<void>(userPath(userId), { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}
