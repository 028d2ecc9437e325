"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

import { useCurrentUser } from "@/components/auth/use-current-user";
import { isAuthPage } from "@/lib/client/auth-paths";

import { Logo } from "./logo";
import { UserMenu } from "./user-menu";

const links = [
  { href: "/agents", label: "Agents", adminOnly: false },
  { href: "/users", label: "Users", adminOnly: true },
  { href: "/audit", label: "Audit log", adminOnly: true },
];

/** The header with navigation and the user menu; the sign-in and setup pages get a bare, centred frame instead. */
export function AppShell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  if (isAuthPage(pathname)) {
    return (
      <div className="flex min-h-screen flex-col items-center px-4 py-12 sm:py-20">
        <div className="mb-8">
          <Logo />
        </div>
        <main className="w-full max-w-[26rem]">{children}</main>
      </div>
    );
  }
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex h-14 max-w-6xl items-center gap-6 px-4 sm:px-6">
          <Link href="/agents">
            <Logo />
          </Link>
          <MainNav pathname={pathname} />
          <div className="ml-auto">
            <UserMenu />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}

function MainNav({ pathname }: { pathname: string }) {
  const { can } = useCurrentUser();
  return (
    <nav aria-label="Main" className="flex gap-1 text-sm">
      {links
        .filter((link) => !link.adminOnly || can("admin"))
        .map((link) => {
          const active = pathname === link.href || pathname.startsWith(`${link.href}/`);
          return (
            <Link
              key={link.href}
              href={link.href}
              aria-current={active ? "page" : undefined}
              className={`rounded-md px-2.5 py-1.5 font-medium ${active ? "bg-slate-100 text-slate-900" : "text-slate-600 hover:text-slate-900"}`}
            >
              {link.label}
            </Link>
          );
        })}
    </nav>
  );
}
