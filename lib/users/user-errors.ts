import { DomainError } from "@/lib/errors/domain-error";

export const emailTaken = () =>
  new DomainError({ code: "email_taken", message: "A user with this email already exists", field: "email" });
export const ownerOnly = () =>
  new DomainError({ code: "forbidden", message: "Only an owner can create, change or remove an owner" });
export const lastOwner = () =>
  new DomainError({
    code: "last_owner",
    message: "The Workbench needs at least one owner: make someone else an owner first",
  });
export const setupDone = () =>
  new DomainError({ code: "setup_done", message: "The Workbench is already set up; sign in instead" });

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}
