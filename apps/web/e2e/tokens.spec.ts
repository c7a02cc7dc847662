import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

/** A bearer call from the browser with no cookie: only the token can authenticate it. */
async function modelsStatus(page: Page, token: string): Promise<number> {
  return page.evaluate(async (t) => {
    const res = await fetch("/v1/models", { headers: { authorization: `Bearer ${t}` }, credentials: "omit" });
    return res.status;
  }, token);
}

test("a user creates a token on the settings page, sees it once, uses it, revokes it", async ({ page }) => {
  await signIn(page, "emma");
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();

  const name = `e2e chat client ${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByRole("checkbox", { name: "chat" }).check();
  await page.getByLabel("Expires").selectOption({ label: "7 days" });
  await page.getByRole("button", { name: "Create token" }).click();

  const secretBox = page.getByRole("textbox", { name: "New token" });
  await expect(secretBox).toHaveValue(/^gw_pat_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
  const token = await secretBox.inputValue();
  const prefix = token.slice(0, "gw_pat_".length + 12);
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText(prefix);
  // The scopes as stored (sorted): the default "search" and the added "chat".
  await expect(row).toContainText("chat, search");
  await expect(row).toContainText("active");

  // Shown once: dismissed, and after a reload, the secret is nowhere on the page; the prefix stays.
  await page.getByRole("button", { name: "Done" }).click();
  await expect(secretBox).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText(prefix);
  expect(await page.content()).not.toContain(token.slice(prefix.length));

  expect(await modelsStatus(page, token)).toBe(200);

  const listed = page.getByRole("row").filter({ hasText: name });
  await listed.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(listed.getByText(/Programs using it stop working/)).toBeVisible();
  await listed.getByRole("button", { name: "Yes, revoke" }).click();
  await expect(listed).toContainText("revoked");
  await expect(page.getByRole("status")).toContainText(`Revoked “${name}”.`);

  // Revocation holds from the very next request.
  expect(await modelsStatus(page, token)).toBe(401);
});
