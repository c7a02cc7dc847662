import { expect, test } from "@playwright/test";
import { PASSWORD, signIn, signOut } from "./helpers";

test("signed-out visitors are sent to sign-in and come back after signing in", async ({ page }) => {
  await page.goto("/lookup");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Flookup/);
  await expect(page.getByRole("heading", { level: 1, name: "Groundwork" })).toBeVisible();
  await page.getByLabel("Username").fill("sam");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong" })).toHaveText("Wrong username or password.");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/lookup$/);
  await expect(page.getByRole("heading", { level: 1, name: "Policy lookup" })).toBeVisible();
});

test("the session cookie is httpOnly and SameSite, and mutations need the CSRF token", async ({
  page,
  context,
  baseURL,
}) => {
  await signIn(page, "emma");
  const cookie = (await context.cookies()).find((c) => c.name === "gw_session");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  const noToken = await page.request.post("/api/auth/sign-out", { headers: { origin: baseURL! } });
  expect(noToken.status()).toBe(403);
  const session = (await (await page.request.get("/api/session")).json()) as {
    csrfToken: string;
    user: { username: string };
  };
  expect(session.user.username).toBe("emma");
  const crossSite = await page.request.post("/api/auth/sign-out", {
    headers: { origin: "https://evil.example", "x-csrf-token": session.csrfToken },
  });
  expect(crossSite.status()).toBe(403);
});

test("roles are checked on the server: an employee gets 404 for admin pages (lookup is everyone's)", async ({
  page,
}) => {
  await signIn(page, "emma");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText(["Chat", "Policy lookup"]);
  for (const path of ["/admin/sources", "/admin/users"]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  }
  const api = await page.request.get("/api/admin/sources");
  expect(api.status()).toBe(403);
  await page.goto("/chat");
  await signOut(page);
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/chat");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("without JavaScript the form posts (no password in any URL), signs in and goes to next; a wrong password comes back with the message", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: baseURL! });
  const page = await context.newPage();
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  await page.goto("/sign-in?next=%2Flookup");
  await page.getByLabel("Username").fill("sam");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in\?error=credentials&next=%2Flookup$/);
  await expect(page.getByRole("alert")).toHaveText("Wrong username or password.");
  await page.getByLabel("Username").fill("sam");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/lookup$/);
  expect(urls.filter((u) => u.includes("password") || u.includes(PASSWORD))).toEqual([]);
  await context.close();
});

test("sign-in never redirects off-site through next (tab, backslash, double slash)", async ({ page, baseURL }) => {
  for (const next of ["/%09/evil.example/phish", "/%5Cevil.example", "//evil.example"]) {
    await page.context().clearCookies();
    await page.goto(`/sign-in?next=${next}`);
    await page.getByLabel("Username").fill("emma");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/chat$/);
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  }
});
