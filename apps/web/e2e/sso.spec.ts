import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("OIDC single sign-on creates the user with the IdP group claim mapped to local groups", async ({ page }) => {
  await page.goto("/chat");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByRole("link", { name: "Continue with Quillfeather SSO" }).click();
  // The in-suite IdP signs the configured user straight in and redirects back.
  await expect(page).toHaveURL(/\/chat$/);
  await expect(page.getByRole("banner")).toContainText("Nora Nightingale");
  const session = (await (await page.request.get("/api/session")).json()) as {
    user: { username: string; role: string; groups: string[] };
  };
  expect(session.user).toMatchObject({ username: "nora", role: "employee", groups: ["hr"] });
  // Only the Groundwork session cookie remains; Auth.js' cookies were cleared.
  const names = (await page.context().cookies()).map((c) => c.name);
  expect(names).toContain("gw_session");
  expect(names.filter((n) => n.includes("authjs.session-token"))).toEqual([]);

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/sign-in/);
  // The SSO user appears in the admin console with the group from the claim.
  await signIn(page, "ada");
  await page.goto("/admin/users");
  const row = page.getByRole("row").filter({ hasText: "nora" });
  await expect(row).toContainText("SSO");
  await expect(row.getByRole("textbox")).toHaveValue("hr");
});
