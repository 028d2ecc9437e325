import { expect, test } from "@playwright/test";

// Pages run their scripts by nonce only (no 'unsafe-inline'): a page whose scripts the policy
// blocked would render without ever becoming interactive, and the browser would report it.
test("pages work under the nonce policy, with no script blocked, and the icon is served", async ({ page, request }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });

  const response = await page.goto("/agents");
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic';/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);

  // Client-side code ran: the list was fetched and a client-side navigation works.
  await expect(page.getByRole("heading", { name: "Agents", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByRole("heading", { name: "Audit log", level: 1 })).toBeVisible();

  const nextNonce = (await request.get("/agents")).headers()["content-security-policy"];
  expect(nextNonce).not.toBe(csp);
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toBe("image/x-icon");
  expect(violations).toEqual([]);
});
