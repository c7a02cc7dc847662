import { expect, test, type Page } from "@playwright/test";
import { apiSignIn } from "./helpers";

// The journeys of issue 17 on a desktop and a phone: chat follows its answers, history is
// manageable, lookup survives Back, first-run and polish, and every page is accessible in both
// themes without sideways scrolling. Sessions come from the API (no sign-in form per test).

const VIEWPORTS = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

async function signedIn(page: Page, username: string, baseURL: string | undefined): Promise<void> {
  await apiSignIn(page.request, String(baseURL), username);
}

async function ask(page: Page, question: string) {
  await page.getByLabel("Your question").fill(question);
  await page.getByRole("button", { name: "Ask", exact: true }).click();
  const answer = page.getByRole("article", { name: "Answer" }).last();
  await expect(page.getByRole("button", { name: "Stop" })).toBeHidden({ timeout: 45_000 });
  await expect(answer).toHaveAttribute("aria-busy", "false");
  return answer;
}

async function expectNoSidewaysScroll(page: Page, where: string) {
  const { scroll, width, widest } = await page.evaluate(() => {
    // The innermost elements reaching past the window's right edge, to say what widens the page.
    // Inside a box that scrolls or clips, reaching past the edge is fine: that box is what counts.
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
        if (getComputedStyle(p).overflowX !== "visible") return true;
      return false;
    };
    const over = [...document.body.querySelectorAll("*")].filter(
      (el) => el.getBoundingClientRect().right > window.innerWidth + 0.5 && !clipped(el),
    );
    const inner = over.filter((el) => !over.some((o) => o !== el && el.contains(o))).slice(0, 3);
    return {
      scroll: document.documentElement.scrollWidth,
      width: window.innerWidth,
      widest: inner.map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`).join(", "),
    };
  });
  expect(scroll, `${where}: page is ${scroll}px wide in a ${width}px window (${widest})`).toBeLessThanOrEqual(width);
}

for (const { name, viewport } of VIEWPORTS) {
  test.describe(`on a ${name}`, () => {
    test.use({ viewport });

    test("chat follows each answer, suggests from the cited document, and history can be managed", async ({
      page,
      baseURL,
    }) => {
      await signedIn(page, "emma", baseURL);
      await page.goto("/chat");
      // First run: starters from headings of documents emma can read.
      const starters = page.getByRole("group", { name: "Try asking" });
      await expect(starters.getByRole("button").first()).toBeVisible();
      for (const text of await starters.getByRole("button").allInnerTexts())
        expect(text).toMatch(/^What does .+ say about .+\?$/);

      const questions = [
        "How many days of paid annual leave do full-time employees get?",
        "Can I carry over unused annual leave into the next year, and is there a limit on how many days?",
        "How far in advance do I need to request annual leave?",
      ];
      for (const q of questions) {
        const answer = await ask(page, q);
        await expect(answer).toBeInViewport();
      }
      const last = page.getByRole("article", { name: "Answer" }).last();
      const followUps = last.getByRole("group", { name: "Follow-up questions" }).getByRole("button");
      // Never the old canned three; each one is a section of a cited document.
      await expect(last.getByRole("button", { name: "Are there any exceptions?" })).toHaveCount(0);
      for (const text of await followUps.allInnerTexts()) expect(text).toMatch(/^What does .+ say about .+\?$/);
      await expectNoSidewaysScroll(page, "chat");

      // Scrolled up to reread: a button brings the latest answer back.
      await page.evaluate(() => window.scrollTo({ top: 0 }));
      const jump = page.getByRole("button", { name: /Jump to latest/ });
      await expect(jump).toBeVisible();
      await jump.click();
      await expect(last).toBeInViewport();
      await expect(jump).toBeHidden();

      // Reopened: the last question is in view.
      const url = page.url();
      expect(url).toMatch(/\/chat\?c=[0-9a-f-]{36}/);
      await page.goto(url);
      await expect(page.locator(".msg-user").last()).toBeInViewport();

      // History: today's group, rename, search, delete after a confirmation.
      const history = page.getByRole("complementary", { name: "Conversation history" });
      const today = history.getByRole("region", { name: "Today" });
      const title = `Leave notes ${name} ${Date.now()}`;
      await today
        .getByRole("button", { name: /^Rename “How many days of paid annual leave/ })
        .first()
        .click();
      await history.getByLabel("New title").fill(title);
      await history.getByRole("button", { name: "Save" }).click();
      await expect(history.getByRole("link", { name: title })).toBeVisible();
      await history.getByRole("searchbox", { name: "Search conversations" }).fill("carry over unused");
      await expect(history.getByRole("link", { name: title })).toBeVisible();
      await history.getByRole("searchbox", { name: "Search conversations" }).fill("zzzz-nothing-like-this");
      await expect(history.getByText("No conversation matches.")).toBeVisible();
      await history.getByRole("searchbox", { name: "Search conversations" }).fill("");
      await history.getByRole("button", { name: `Delete “${title}”` }).click();
      await history
        .getByRole("group", { name: `Delete “${title}”?` })
        .getByRole("button", { name: "Delete" })
        .click();
      await expect(history.getByRole("link", { name: title })).toHaveCount(0);
      await expect(page).toHaveURL(/\/chat$/);
    });

    test("viewer: a cited sentence marked in a document shown with its headings and tables, and back to the answer", async ({
      page,
      baseURL,
    }) => {
      await signedIn(page, "emma", baseURL);
      await page.goto("/chat");
      const answer = await ask(page, "How many days of paid annual leave do full-time employees get?");
      await answer.locator("a.cite").first().click();
      await expect(page).toHaveURL(/\/documents\/[0-9a-f-]{36}\?chunk=/);
      // Headings are headings and the parental-leave table is a table, not "a | b | c" text.
      await expect(page.getByRole("heading", { name: "Annual leave", exact: true })).toBeVisible();
      const table = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Paid leave" }) });
      await expect(table.getByRole("cell", { name: "20 weeks at full pay" })).toBeVisible();
      await expect(page.getByText("| Paid leave |")).toHaveCount(0);
      // The cited sentence is marked and in view, inside its passage shown more softly.
      const mark = page.locator("mark[data-passage]").first();
      await expect(mark).toBeInViewport();
      await expect(mark).toBeFocused();
      const marked = (await page.locator("mark[data-passage]").allInnerTexts()).join("").length;
      const passage = marked + (await page.locator(".passage-context").allInnerTexts()).join("").length;
      expect(marked).toBeGreaterThan(10);
      expect(marked).toBeLessThan(passage);
      await expectNoSidewaysScroll(page, "viewer");
      await page.getByRole("link", { name: "Back to the answer" }).click();
      await expect(page).toHaveURL(/\/chat\?c=[0-9a-f-]{36}$/);
      await expect(page.getByRole("article", { name: "Answer" }).last()).toBeVisible();
    });

    test("viewer: a PDF shown page by page with its page labels", async ({ page, baseURL }) => {
      await signedIn(page, "emma", baseURL);
      await page.goto("/lookup?q=" + encodeURIComponent("code of conduct"));
      const results = page.getByRole("list", { name: "Search results" });
      await results
        .getByRole("link", { name: /Code of conduct/i })
        .first()
        .click();
      await expect(page).toHaveURL(/\/documents\//);
      const first = page.getByRole("region", { name: "Page 1" });
      await expect(first.getByText(/^Page 1 of \d+$/)).toBeVisible();
      const status = await page.getByRole("status").innerText();
      const cited = Number(status.match(/on page (\d+)/)?.[1]);
      expect(cited).toBeGreaterThan(0);
      await expect(
        page
          .getByRole("region", { name: `Page ${cited}` })
          .locator("mark[data-passage]")
          .first(),
      ).toBeVisible();
      await page.getByRole("link", { name: "Back to the results" }).click();
      await expect(page).toHaveURL(/\/lookup\?q=code\+of\+conduct/);
      await expect(results.getByRole("listitem").first()).toBeVisible();
    });

    test("a question typed when the session has ended survives signing in again", async ({ page, baseURL }) => {
      await signedIn(page, "emma", baseURL);
      await page.goto("/chat");
      await ask(page, "How many days of paid annual leave do full-time employees get?");
      const conversation = new URL(page.url()).search;
      await page.context().clearCookies();
      const draft = "Does parental leave count towards annual leave accrual?";
      await page.getByLabel("Your question").fill(draft);
      await page.getByRole("button", { name: "Ask", exact: true }).click();
      const prompt = page.getByRole("alert").filter({ hasText: "Your session has ended" });
      await expect(prompt).toBeVisible();
      await expect(page.getByLabel("Your question")).toHaveValue(draft);
      await prompt.getByRole("link", { name: "sign in to continue" }).click();
      await page.getByLabel("Username").fill("emma");
      await page.getByLabel("Password").fill("groundwork-demo");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(new RegExp(`/chat${conversation.replace("?", "\\?")}$`));
      await expect(page.getByLabel("Your question")).toHaveValue(draft);
    });

    test("lookup: support lands on it, results by document, Back restores them, honest empty state", async ({
      page,
    }) => {
      await page.goto("/sign-in");
      await page.getByLabel("Username").fill("sam");
      await page.getByLabel("Password").fill("groundwork-demo");
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/\/lookup$/);
      const search = page.getByRole("searchbox", { name: "Search policies" });
      await search.fill("customer password reset MFA");
      const results = page.getByRole("list", { name: "Search results" });
      await expect(results.getByRole("listitem").first()).toBeVisible();
      await expect(page).toHaveURL(/\/lookup\?q=customer\+password\+reset\+MFA/);
      await expect(page.getByRole("status")).toHaveText(/\d+ results? in \d+ documents?/);
      // One row per document: no title twice.
      const titles = await results.locator(":scope > li > .result-passage:first-child a.result-title").allInnerTexts();
      expect(new Set(titles).size).toBe(titles.length);
      // Esc in the box keeps the query, as the hint promises.
      await search.press("Escape");
      await expect(search).toHaveValue("customer password reset MFA");
      await expectNoSidewaysScroll(page, "lookup");

      await page.evaluate(() => window.scrollTo({ top: 200 }));
      const scrolled = await page.evaluate(() => window.scrollY);
      await results.locator("a.result-title").first().click();
      await expect(page).toHaveURL(/\/documents\//);
      await page.goBack();
      await expect(page).toHaveURL(/\/lookup\?q=/);
      await expect(search).toHaveValue("customer password reset MFA");
      await expect(results.getByRole("listitem").first()).toBeVisible();
      await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(scrolled);

      await search.fill("zxqvbnm blorftangle");
      await expect(page.getByRole("status")).toHaveText(/^0 results: no document you can read contains these words\./);
      await expect(results).toHaveCount(0);
    });
  });
}

test("polish: JSON 404 for API routes, the header on the 404 page, favicon, and a persisted dark mode", async ({
  page,
  baseURL,
}) => {
  const api = await page.request.get("/api/nope");
  expect(api.status()).toBe(404);
  expect(await api.json()).toMatchObject({ error: { code: "not_found" } });
  await signedIn(page, "emma", baseURL);
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toBeTruthy();
  expect((await page.request.get(icon!)).status()).toBe(200);

  await page.goto("/chat");
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await bg();
  await page.getByRole("button", { name: "Theme: system" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await bg()).not.toBe(light);
  await page.getByRole("button", { name: "Theme: dark" }).click();
  await page.getByRole("button", { name: "Theme: light" }).click();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
});

// Every page's axe and phone-width checks, per persona and theme: e2e/accessibility.spec.ts.
