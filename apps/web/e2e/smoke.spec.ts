import { expect, test } from "@playwright/test";

test("home page renders in Debian's Chromium", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1, name: "Groundwork" })).toBeVisible();
});
