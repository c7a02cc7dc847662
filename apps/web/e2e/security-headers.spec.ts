import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

/**
 * The nonce-based CSP is on, and the app runs under it: no page of the main flows reports a
 * CSP violation (the `securitypolicyviolation` event or a console CSP error), and pages and
 * API responses carry the security headers.
 */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(msg.text()))
      violations.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => {
    if (/Content Security Policy/i.test(err.message)) violations.push(`pageerror: ${err.message}`);
  });
  void page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return violations;
}

test("pages and APIs carry the security headers; the page CSP has a fresh nonce", async ({ page, request }) => {
  const first = await request.get("/sign-in");
  const second = await request.get("/sign-in");
  const csp = first.headers()["content-security-policy"] ?? "";
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"])
    expect(csp).toContain(directive);
  expect(second.headers()["content-security-policy"]).not.toBe(csp);
  // Next put the nonce on its scripts.
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(await first.text()).toContain(`nonce="${nonce}"`);
  for (const res of [
    first,
    await request.get("/api/session"),
    await request.get("/api/health"),
    await request.get("/favicon.ico"),
  ]) {
    const h = res.headers();
    expect(h["x-frame-options"], res.url()).toBe("DENY");
    expect(h["x-content-type-options"], res.url()).toBe("nosniff");
    expect(h["referrer-policy"], res.url()).toBe("same-origin");
    expect(h["permissions-policy"], res.url()).toContain("camera=()");
  }
  expect((await request.get("/api/session")).headers()["content-security-policy"]).toContain("default-src 'none'");
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("the main pages run without CSP violations", async ({ page }) => {
  const violations = watchCsp(page);
  await page.goto("/sign-in");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await signIn(page, "ada");
  for (const path of [
    "/chat",
    "/lookup",
    "/admin",
    "/admin/sources",
    "/admin/users",
    "/admin/documents",
    "/admin/audit",
    "/admin/feedback",
  ]) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    // Client navigation and hydration have run: the header's sign-out button reacts.
    await expect(page.getByRole("button", { name: "Sign out" })).toBeEnabled();
  }
  // Chat: an answer streams in under the CSP (fetch + SSE + rendering).
  await page.goto("/chat");
  await page.getByLabel("Your question").fill("How many days of annual leave do I get?");
  await page.getByRole("button", { name: "Ask" }).click();
  await expect(page.getByRole("button", { name: "Stop" })).toBeHidden({ timeout: 45_000 });
  await expect(page.getByRole("article", { name: "Answer" }).last()).toHaveAttribute("aria-busy", "false");
  // Lookup: results render and the viewer opens from one.
  await page.goto("/lookup");
  await page.getByRole("searchbox", { name: "Search policies" }).fill("expenses");
  const result = page.getByRole("list", { name: "Search results" }).locator("a.result-title").first();
  await expect(result).toBeVisible();
  await result.click();
  await expect(page).toHaveURL(/\/documents\//);
  await expect(page.locator("main")).toBeVisible();
  expect(violations).toEqual([]);
});
