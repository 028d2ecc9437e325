import path from "node:path";

import { expect, type Page } from "@playwright/test";

// The owner that WORKBENCH_OWNER_* creates on the SQLite and PostgreSQL test servers at start-up.
export const testOwner = { email: "e2e-owner@example.com", password: "e2e-owner-password", name: "E2E Owner" };

/** Where a database project keeps the owner's signed-in browser state (gitignored). */
export function authStatePath(database: string): string {
  return path.join(__dirname, ".auth", `${database}.json`);
}

/** Signs in through the /login page the page is on. */
export async function signIn(page: Page, user: { email: string; password: string }) {
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Opens the account menu in the header and signs out; ends on the sign-in page. */
export async function signOut(page: Page) {
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);
}
