import { ApiError } from "@/lib/api/api-error";

export const emailTaken = () =>
  new ApiError({ status: 409, code: "email_taken", message: "A user with this email already exists", field: "email" });
export const ownerOnly = () =>
  new ApiError({ status: 403, code: "forbidden", message: "Only an owner can create, change or remove an owner" });
export const lastOwner = () =>
  new ApiError({
    status: 409,
    code: "last_owner",
    message: "The Workbench needs at least one owner: make someone else an owner first",
  });
export const setupDone = () =>
  new ApiError({ status: 409, code: "setup_done", message: "The Workbench is already set up; sign in instead" });

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}
