"use client";

import { useMutation, useQuery } from "@tanstack/react-query";

import {
  changePassword,
  createOwner,
  getSetupStatus,
  signIn,
  signOut,
  type ChangePasswordInput,
  type CreateOwnerInput,
  type SignInInput,
} from "@/lib/client/api/auth";
import { queryKeys } from "@/lib/client/query-keys";

/** Whether the Workbench still has no user, so the first visitor creates the owner. */
export function useSetupStatus() {
  return useQuery({ queryKey: queryKeys.setupStatus, queryFn: getSetupStatus, staleTime: 0 });
}

export function useSignIn() {
  return useMutation({ mutationFn: (input: SignInInput) => signIn({ input }) });
}

export function useCreateOwner() {
  return useMutation({ mutationFn: (input: CreateOwnerInput) => createOwner({ input }) });
}

/** Changes the signed-in user's own password; their other sessions end, this one stays. */
export function useChangePassword() {
  return useMutation({ mutationFn: (input: ChangePasswordInput) => changePassword({ input }) });
}

/** Ends the session on the server, then loads the sign-in page afresh so nothing of this user stays in memory. */
export function useSignOut() {
  return useMutation({
    mutationFn: signOut,
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load, not the router: it drops every cached query and component state of the user who signed out.
    onSuccess: () => window.location.assign("/login"),
  });
}
