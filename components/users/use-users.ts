"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import {
  createUser,
  deleteUser,
  listUsers,
  updateUser,
  type CreateUserInput,
  type UpdateUserInput,
} from "@/lib/client/api/users";
import { queryKeys } from "@/lib/client/query-keys";

export function useUsers(opts: { enabled: boolean }) {
  return useQuery({ queryKey: queryKeys.users, queryFn: listUsers, enabled: opts.enabled });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => createUser({ input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (opts: { userId: string; input: UpdateUserInput }) => updateUser(opts),
    onSuccess: async () => {
      // Changing one's own role changes what the whole app offers.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.users }),
        queryClient.invalidateQueries({ queryKey: queryKeys.currentUser }),
      ]);
    },
  });
}

export function useDeleteUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => deleteUser({ userId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}
