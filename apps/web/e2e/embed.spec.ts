import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, signIn } from "./helpers";

// playwright.config.ts allows http://127.0.0.1:<E2E_PORT + 1> (GROUNDWORK_EMBED_ORIGINS). Same
// host as the app, another port: another origin but the same site, so the Lax session cookie
// reaches the frame, as in a same-site deployment (docs/embed.md).
const appPort = Number(process.env.E2E_PORT ?? 3100);
const allowedPort = appPort + 1;
const otherPort = appPort + 2;

/** An intranet page on its own origin that includes the loader, as a host site would. */
function hostPage({ port, appOrigin }: { port: number; appOrigin: string }): Promise<http.Server> {
  const html = `<!doctype html><html><head><title>Intranet</title></head><body>
<h1>Quillfeather intranet</h1><p>Support console</p>
<script src="${appOrigin}/embed.js" async></script></body></html>`;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server));
  });
}

let servers: http.Server[] = [];
test.beforeAll(async ({ baseURL }) => {
  const appOrigin = new URL(baseURL!).origin;
  servers = [await hostPage({ port: allowedPort, appOrigin }), await hostPage({ port: otherPort, appOrigin })];
});
test.afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

const hostUrl = (server: http.Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

async function openWidget(page: Page, url: string) {
  await page.goto(url);
  const launcher = page.getByRole("button", { name: "Ask Groundwork" });
  await launcher.click();
  await expect(launcher).toHaveAttribute("aria-expanded", "true");
  return page.frameLocator('iframe[title="Groundwork"]');
}

test("the widget page may be framed by the allowed origin only; the loader is a plain script", async ({ request }) => {
  const embed = await request.get("/embed");
  expect(embed.status()).toBe(200);
  expect(embed.headers()["content-security-policy"]).toContain(`frame-ancestors http://127.0.0.1:${allowedPort};`);
  expect(embed.headers()["x-frame-options"]).toBeUndefined();
  for (const p of ["/sign-in", "/embed/signed-in", "/chat"]) {
    const res = await request.get(p, { maxRedirects: 0 });
    expect(res.headers()["x-frame-options"], p).toBe("DENY");
    if (res.status() === 200) expect(res.headers()["content-security-policy"], p).toContain("frame-ancestors 'none'");
  }
  const js = await request.get("/embed.js");
  expect(js.headers()["content-type"]).toBe("text/javascript; charset=utf-8");
  expect(await js.text()).toContain("Groundwork widget loader");
});

test("a signed-in user searches inside the widget on an allowed host page", async ({ page }) => {
  await signIn(page, "sam");
  const frame = await openWidget(page, hostUrl(servers[0]!));
  // Support staff start on lookup.
  await expect(frame.getByRole("tab", { name: "Lookup" })).toHaveAttribute("aria-selected", "true");
  const search = frame.getByRole("searchbox", { name: "Search policies" });
  await search.fill("reset MFA");
  const results = frame.getByRole("list", { name: "Search results" });
  await expect(results.getByRole("link", { name: "Customer Password and MFA Reset Procedure" }).first()).toBeVisible();
  // The frame stays on /embed; a result opens the viewer in a new tab, not inside the frame.
  const [viewer] = await Promise.all([
    page.context().waitForEvent("page"),
    results.getByRole("link", { name: "Customer Password and MFA Reset Procedure" }).first().click(),
  ]);
  await expect(viewer).toHaveURL(/\/documents\//);
  await viewer.close();
  expect(page.frames().some((f) => new URL(f.url()).pathname === "/embed")).toBe(true);

  // Ask in the same frame: a grounded answer with citations, and the frame still on /embed.
  await frame.getByRole("tab", { name: "Ask" }).click();
  await frame.getByRole("textbox", { name: "Your question" }).fill("How do I reset a customer's MFA?");
  await frame.getByRole("button", { name: "Ask", exact: true }).click();
  await expect(frame.locator(".msg-assistant").first()).toBeVisible({ timeout: 30_000 });
  await expect(frame.getByRole("button", { name: "Stop" })).toHaveCount(0, { timeout: 30_000 });
  expect(page.frames().some((f) => new URL(f.url()).pathname === "/embed")).toBe(true);
});

test("a host page on another origin cannot frame the widget", async ({ page }) => {
  const refused: string[] = [];
  page.on("console", (msg) => {
    if (/frame-ancestors|Refused to frame/i.test(msg.text())) refused.push(msg.text());
  });
  await signIn(page, "sam");
  const frame = await openWidget(page, hostUrl(servers[1]!));
  await expect.poll(() => refused.length, { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(frame.getByRole("searchbox", { name: "Search policies" })).toHaveCount(0);
});

test("signed out, the widget signs in through a popup and then shows lookup and ask", async ({ page }) => {
  const frame = await openWidget(page, hostUrl(servers[0]!));
  const signInLink = frame.getByRole("link", { name: "Sign in to Groundwork" });
  await expect(signInLink).toBeVisible();
  // The context's new page, not the frame's `popup`: Cross-Origin-Opener-Policy cuts the opener link.
  const [popup] = await Promise.all([page.context().waitForEvent("page"), signInLink.click()]);
  await popup.getByLabel("Username").fill("emma");
  await popup.getByLabel("Password").fill(PASSWORD);
  await popup.getByRole("button", { name: "Sign in" }).click();
  // The popup lands on /embed/signed-in (and closes itself); the frame notices the session and reloads.
  await popup.waitForURL(/\/embed\/signed-in$/);
  await expect(frame.getByRole("tab", { name: "Ask" })).toHaveAttribute("aria-selected", "true", { timeout: 20_000 });
  await frame.getByRole("tab", { name: "Lookup" }).click();
  await frame.getByRole("searchbox", { name: "Search policies" }).fill("parental leave");
  await expect(frame.getByRole("list", { name: "Search results" }).getByRole("listitem").first()).toBeVisible();
});
