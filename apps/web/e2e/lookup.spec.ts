import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("support lookup: results as you type, highlighted snippets, keyboard navigation, copy link, viewer", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, "sam");
  await page.goto("/lookup");
  const search = page.getByRole("searchbox", { name: "Search policies" });
  await expect(search).toBeFocused();
  await search.pressSequentially("reset MFA", { delay: 40 });
  const results = page.getByRole("list", { name: "Search results" });
  await expect(results.getByRole("listitem").first()).toBeVisible();
  await expect(results.getByRole("link", { name: "Customer Password and MFA Reset Procedure" }).first()).toBeVisible();
  await expect(results.locator("mark").first()).toBeVisible();
  await expect(page.getByText(/Searched for/)).toHaveCount(0);

  // Filter by type narrows the results to that kind.
  await page.getByLabel("Type").selectOption("csv");
  await expect(results.getByRole("link", { name: "Customer Password and MFA Reset Procedure" })).toHaveCount(0);
  await page.getByLabel("Type").selectOption("");
  await expect(results.getByRole("link", { name: "Customer Password and MFA Reset Procedure" }).first()).toBeVisible();

  await search.press("ArrowDown");
  const first = results.locator("a.result-title").first();
  await expect(first).toBeFocused();
  await first.press("c");
  await expect(results.getByRole("button", { name: "Copied" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/\/documents\/[0-9a-f-]+\?chunk=[0-9a-f-]+&start=\d+&end=\d+$/);

  await first.press("Enter");
  await expect(page).toHaveURL(/\/documents\//);
  await expect(page.locator("mark.passage").first()).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Breadcrumb" })).toContainText("support");
});

test("a misspelled search says what was searched for", async ({ page }) => {
  await signIn(page, "sam");
  await page.goto("/lookup");
  await page.getByRole("searchbox", { name: "Search policies" }).fill("pasword MFA");
  const results = page.getByRole("list", { name: "Search results" });
  await expect(results.getByRole("listitem").first()).toBeVisible();
  const line = page.locator("p", { hasText: /^Searched for/ });
  await expect(line).toHaveCount(1);
  await expect(line.locator("strong")).toContainText(["password"]);
  await expect(line).toContainText("you typed pasword");
  // Corrected back by hand: the line goes.
  await page.getByRole("searchbox", { name: "Search policies" }).fill("password MFA");
  await expect(page.getByRole("status")).toHaveText(/\d+ results?/);
  await expect(line).toHaveCount(0);
});

test("an HR-only document never shows in a support agent's lookup", async ({ page }) => {
  await signIn(page, "sam");
  await page.goto("/lookup");
  await page.getByRole("searchbox", { name: "Search policies" }).fill("salary review merit budget");
  await expect(page.getByRole("status")).toHaveText(/\d+ results?/);
  await expect(page.locator("body")).not.toContainText("Salary Review Guidance");
  // Tag filter choices come only from readable documents.
  await expect(page.getByLabel("Tag").locator("option", { hasText: "compensation" })).toHaveCount(0);
});

test("the viewer shows a superseded banner linking to the current version, and download works", async ({ page }) => {
  await signIn(page, "ada");
  await page.goto("/admin/documents?status=superseded");
  const old = page.getByRole("table").getByRole("link").first();
  await expect(old).toBeVisible();
  await old.click();
  const banner = page.getByRole("note").filter({ hasText: "Superseded" });
  await expect(banner).toBeVisible();
  await banner.getByRole("link", { name: /Open the current version/ }).click();
  await expect(page.getByRole("note").filter({ hasText: "Superseded" })).toHaveCount(0);
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /Download original/ }).click();
  expect((await download).suggestedFilename()).toMatch(/\.(md|html|pdf|docx|csv|txt)$/);
});
