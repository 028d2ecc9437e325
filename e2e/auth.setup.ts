import { expect, test as setup } from "@playwright/test";

import { authStatePath, signIn, testOwner } from "./test-owner";

// Runs before each database project (its `dependencies`): signs the test owner in through the
// /login page once and saves the cookie, which that project's pages and `request` then carry.
setup("sign in as the test owner", async ({ page }, testInfo) => {
  await page.goto("/agents");
  await expect(page).toHaveURL(/\/login\?next=%2Fagents$/);
  await signIn(page, testOwner);
  await expect(page.getByRole("heading", { name: "Agents", level: 1 })).toBeVisible();
  await page.context().storageState({ path: authStatePath(testInfo.project.metadata.database) });
});
