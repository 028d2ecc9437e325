"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";

import { ChangePasswordDialog } from "@/components/auth/change-password-dialog";
import { RoleBadge } from "@/components/auth/role-badge";
import { useSignOut } from "@/components/auth/use-auth";
import { useCurrentUser } from "@/components/auth/use-current-user";
import { ChevronDownIcon } from "@/components/ui/chevron-down-icon";
import { ErrorNotice } from "@/components/ui/error-notice";
import { tokensPagePath } from "@/lib/client/page-paths";

function initialsOf(name: string, email: string): string {
  const words = (name.trim() || email).split(/[\s@._-]+/).filter(Boolean);
  return ((words[0]?.[0] ?? "") + (words[1]?.[0] ?? "")).toUpperCase() || "?";
}

/** Who is signed in, with what role, API tokens, Change password and Sign out; a disclosure that closes on Escape or a click outside. */
export function UserMenu() {
  const { data: user } = useCurrentUser();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  const wrapperRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const closeOnOutsidePointer = (event: PointerEvent) => {
      if (!wrapperRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", closeOnOutsidePointer);
    return () => document.removeEventListener("pointerdown", closeOnOutsidePointer);
  }, [open]);

  if (!user) return <span aria-hidden className="block h-8 w-32 animate-pulse rounded-md bg-slate-100" />;
  const displayName = user.name || user.email;

  return (
    <div
      ref={wrapperRef}
      className="relative"
      onKeyDown={(event) => {
        if (event.key === "Escape" && open) {
          setOpen(false);
          buttonRef.current?.focus();
        }
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen(!open)}
        className="flex items-center gap-2 rounded-md py-1 pr-2 pl-1 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        <span
          aria-hidden
          className="grid h-7 w-7 place-items-center rounded-full bg-slate-200 text-xs font-semibold text-slate-700"
        >
          {initialsOf(user.name, user.email)}
        </span>
        <span className="sr-only">Account menu: </span>
        <span className="hidden max-w-40 truncate font-medium sm:inline">{displayName}</span>
        <ChevronDownIcon />
      </button>
      {open ? (
        <div
          id={panelId}
          role="group"
          aria-label="Account"
          className="absolute right-0 z-30 mt-2 w-72 rounded-lg bg-white shadow-lg ring-1 ring-slate-200"
        >
          <div className="space-y-1 px-4 py-3">
            <p className="text-xs text-slate-500">Signed in as</p>
            {user.name ? <p className="truncate text-sm font-medium text-slate-900">{user.name}</p> : null}
            <p className="truncate text-sm text-slate-600">{user.email}</p>
            <div className="pt-1">
              <RoleBadge role={user.role} />
            </div>
          </div>
          <div className="border-t border-slate-100 p-2">
            <Link
              href={tokensPagePath}
              onClick={() => setOpen(false)}
              className="block w-full rounded-md px-3 py-2 text-left text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              API tokens
            </Link>
            <button
              type="button"
              onClick={() => {
                setOpen(false);
                setChangingPassword(true);
              }}
              className="block w-full rounded-md px-3 py-2 text-left text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
            >
              Change password
            </button>
            <ErrorNotice error={signOut.error} />
            <button
              type="button"
              disabled={signOut.isPending || signOut.isSuccess}
              onClick={() => signOut.mutate()}
              className="block w-full rounded-md px-3 py-2 text-left text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-50"
            >
              {signOut.isPending || signOut.isSuccess ? "Signing out…" : "Sign out"}
            </button>
          </div>
        </div>
      ) : null}
      {changingPassword ? (
        <ChangePasswordDialog
          onClose={() => {
            setChangingPassword(false);
            buttonRef.current?.focus();
          }}
        />
      ) : null}
    </div>
  );
}
