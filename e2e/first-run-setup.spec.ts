import { expect, test } from "@playwright/test";

import { signIn, signOut } from "./test-owner";

// Runs against its own server on a fresh database with no user (the "first-run" project).
const owner = { name: "Grace Hopper", email: "grace@example.com", password: "first-run-password" };

test("the first visitor creates the owner, signs out and signs in again", async ({ page }) => {
  // Without a session every page leads to sign-in, and with no user yet sign-in leads to setup.
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Create the owner account" })).toBeVisible();

  // The form checks its fields before sending.
  await page.getByLabel("Name").fill(owner.name);
  await page.getByLabel("Email").fill(owner.email);
  await page.getByLabel("Password", { exact: true }).fill("too short");
  await page.getByLabel("Confirm password").fill("something else");
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();
  await expect(page.getByText("The passwords do not match")).toBeVisible();

  await page.getByLabel("Password", { exact: true }).fill(owner.password);
  await page.getByLabel("Confirm password").fill(owner.password);
  await page.getByRole("button", { name: "Create owner account" }).click();

  // Signed in at once, as the owner, with the admin pages in the navigation.
  await expect(page).toHaveURL(/\/agents$/);
  await expect(page.getByRole("heading", { name: "Agents", level: 1 })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Users" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Audit log" })).toBeVisible();
  await page.getByRole("button", { name: /Account menu/ }).click();
  const account = page.getByRole("group", { name: "Account" });
  await expect(account).toContainText(owner.name);
  await expect(account).toContainText(owner.email);
  await expect(account.getByText("Owner", { exact: true })).toBeVisible();

  await account.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);

  // The old session is gone: pages lead to sign-in again.
  await page.goto("/agents");
  await expect(page).toHaveURL(/\/login\?next=%2Fagents$/);

  // Setup happens once.
  await page.goto("/setup");
  await expect(page.getByRole("heading", { name: "Setup is complete" })).toBeVisible();
  await page.getByRole("link", { name: "Go to sign in" }).click();
  await expect(page).toHaveURL(/\/login$/);

  // A wrong password is refused with a message, and the form stays.
  await signIn(page, { email: owner.email, password: "not-the-password" });
  await expect(page.getByRole("alert").filter({ hasText: "The email or password is not right" })).toBeVisible();
  await expect(page).toHaveURL(/\/login$/);

  // The right one signs in.
  await signIn(page, owner);
  await expect(page.getByRole("heading", { name: "Agents", level: 1 })).toBeVisible();

  // The owner changes their own password from the account menu; only the new one works after.
  const newPassword = `${owner.password}-changed`;
  await page.getByRole("button", { name: /Account menu/ }).click();
  await page.getByRole("group", { name: "Account" }).getByRole("button", { name: "Change password" }).click();
  const dialog = page.getByRole("dialog", { name: "Change password" });
  await dialog.getByLabel("Current password").fill("not-the-password");
  await dialog.getByLabel("New password", { exact: true }).fill(newPassword);
  await dialog.getByLabel("Confirm new password").fill(newPassword);
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(dialog.getByText(/current password/i).first()).toBeVisible();
  await dialog.getByLabel("Current password").fill(owner.password);
  await dialog.getByRole("button", { name: "Change password" }).click();
  await expect(dialog.getByRole("status")).toContainText("Your password was changed");
  await dialog.getByRole("button", { name: "Done" }).click();
  await signOut(page);
  await signIn(page, owner);
  await expect(page.getByRole("alert").filter({ hasText: "The email or password is not right" })).toBeVisible();
  await signIn(page, { ...owner, password: newPassword });
  await expect(page.getByRole("heading", { name: "Agents", level: 1 })).toBeVisible();
  await signOut(page);
});
