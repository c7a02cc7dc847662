import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { apiSignIn } from "./helpers";

// Issue 17: every page of the app, as the persona allowed to see it, in the light and the dark
// theme: axe-core finds nothing (WCAG 2.1 A/AA), on a desktop and on a phone, and on a 390×844
// phone nothing pushes the page sideways. No axe rule is excluded: a violation is fixed in the
// component or globals.css.

type Persona = "emma" | "sam" | "ada" | null;
type Ids = {
  conversation: string;
  /** The admin's read-only view of emma's conversation, as the feedback table links to it. */
  adminConversation: string;
  markdown: string;
  pdf: string;
  source: string;
  run: string;
  document: string;
};
type Visit = {
  name: string;
  persona: Persona;
  path: (ids: Ids) => string;
  /** What must be on screen before the page is judged (beyond the network going quiet). */
  ready?: (page: Page) => Promise<void>;
};

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const THEMES = ["light", "dark"] as const;

const VISITS: Visit[] = [
  { name: "chat (first run)", persona: "emma", path: () => "/chat" },
  {
    name: "chat with history",
    persona: "emma",
    path: (ids) => `/chat?c=${ids.conversation}`,
    ready: async (page) => {
      await expect(page.getByRole("article", { name: "Answer" }).last()).toHaveAttribute("aria-busy", "false");
      await expect(
        page.getByRole("complementary", { name: "Conversation history" }).getByRole("link").first(),
      ).toBeVisible();
    },
  },
  { name: "lookup (empty)", persona: "sam", path: () => "/lookup" },
  {
    name: "lookup with results",
    persona: "emma",
    path: () => "/lookup?q=annual+leave",
    ready: (page) =>
      expect(page.getByRole("list", { name: "Search results" }).getByRole("listitem").first()).toBeVisible(),
  },
  {
    name: "viewer: a document",
    persona: "emma",
    path: (ids) => ids.markdown,
    ready: (page) => expect(page.locator("mark[data-passage]").first()).toBeVisible(),
  },
  {
    name: "viewer: a PDF",
    persona: "emma",
    path: (ids) => ids.pdf,
    ready: (page) => expect(page.getByRole("region", { name: "Page 1" }).getByText(/^Page 1 of \d+$/)).toBeVisible(),
  },
  { name: "settings: tokens", persona: "emma", path: () => "/settings/tokens" },
  { name: "not found (signed in)", persona: "emma", path: () => "/no-such-page" },
  { name: "embed widget", persona: "emma", path: () => "/embed" },
  { name: "admin: overview", persona: "ada", path: () => "/admin" },
  { name: "admin: sources", persona: "ada", path: () => "/admin/sources" },
  { name: "admin: a source", persona: "ada", path: (ids) => `/admin/sources/${ids.source}` },
  { name: "admin: a run", persona: "ada", path: (ids) => `/admin/runs/${ids.run}` },
  { name: "admin: documents", persona: "ada", path: () => "/admin/documents" },
  { name: "admin: a document", persona: "ada", path: (ids) => `/admin/documents/${ids.document}` },
  { name: "admin: users", persona: "ada", path: () => "/admin/users" },
  { name: "admin: a group", persona: "ada", path: () => "/admin/groups/hr" },
  { name: "admin: service accounts", persona: "ada", path: () => "/admin/service-accounts" },
  { name: "admin: audit", persona: "ada", path: () => "/admin/audit" },
  {
    name: "admin: feedback",
    persona: "ada",
    path: () => "/admin/feedback",
    // At least emma's rating (beforeAll): a table with rows, which on a phone scrolls in its wrapper.
    ready: (page) =>
      // The table's wrapper is a named region only while it overflows (a phone), so not located by it.
      expect(page.locator(".table-wrap").getByRole("link").first()).toBeVisible(),
  },
  {
    // An empty table still scrolls sideways on a phone, and then holds nothing focusable: the case
    // axe's scrollable-region-focusable caught. No rating is in the eval set when this file runs
    // (files run in name order on a fresh data dir; admin.spec.ts adds one later).
    name: "admin: feedback (empty filter)",
    persona: "ada",
    path: () => "/admin/feedback?triage=eval",
  },
  {
    name: "admin: a conversation",
    persona: "ada",
    path: (ids) => ids.adminConversation,
    ready: (page) => expect(page.getByRole("listitem", { name: "Rated answer" })).toBeVisible(),
  },
  { name: "sign-in", persona: null, path: () => "/sign-in" },
  { name: "embed (signed out)", persona: null, path: () => "/embed" },
  { name: "not found (signed out)", persona: null, path: () => "/no-such-page" },
];

/** A browser context signed in as the persona (API sign-in: its cookie lands in the context). */
async function contextFor(browser: Browser, persona: Persona, baseURL: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, viewport: DESKTOP });
  if (persona) await apiSignIn(context.request, baseURL, persona);
  return context;
}

let ids: Ids;

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  // The corpus is ingested by global-setup.
  const base = String(baseURL);

  // emma: one answered question (so history and an answer are on screen) and two cited documents.
  const emma = await contextFor(browser, "emma", base);
  const headers = await apiSignIn(emma.request, base, "emma");
  const chat = await emma.request.post("/api/chat", {
    headers,
    data: { question: "How many days of paid annual leave do full-time employees get?" },
  });
  expect(chat.status()).toBe(200);
  await chat.text();
  const { conversations } = (await (await emma.request.get("/api/conversations")).json()) as {
    conversations: { id: string }[];
  };
  // emma rates that answer, so the feedback table has a row and links to the admin's view of it.
  const { messages } = (await (await emma.request.get(`/api/conversations/${conversations[0]!.id}`)).json()) as {
    messages: { id: string; role: string }[];
  };
  const comment = `accessibility check (${Date.now()})`;
  const rated = await emma.request.post("/api/feedback", {
    headers,
    data: { messageId: messages.findLast((m) => m.role === "assistant")!.id, rating: -1, comment },
  });
  expect(rated.status(), await rated.text()).toBe(201);
  const page = await emma.newPage();
  const firstResult = async (q: string, title?: RegExp) => {
    await page.goto("/lookup?q=" + encodeURIComponent(q));
    const links = page.getByRole("list", { name: "Search results" }).locator("a.result-title");
    const link = title ? links.filter({ hasText: title }).first() : links.first();
    return String(await link.getAttribute("href"));
  };
  const markdown = await firstResult("annual leave carry over");
  const pdf = await firstResult("gift limit written approval from Legal", /Code of conduct/i);
  await emma.close();

  const ada = await contextFor(browser, "ada", base);
  const { sources } = (await (await ada.request.get("/api/admin/sources")).json()) as { sources: { id: string }[] };
  const { runs } = (await (await ada.request.get("/api/admin/runs")).json()) as { runs: { id: string }[] };
  const adminPage = await ada.newPage();
  await adminPage.goto("/admin/feedback");
  const adminConversation = String(
    await adminPage.getByRole("row").filter({ hasText: comment }).getByRole("link").first().getAttribute("href"),
  );
  expect(adminConversation).toMatch(/^\/admin\/conversations\/[0-9a-f-]{36}\?message=/);
  await ada.close();
  ids = {
    conversation: conversations[0]!.id,
    adminConversation,
    markdown,
    pdf,
    source: sources[0]!.id,
    run: runs[0]!.id,
    document: markdown.match(/\/documents\/([0-9a-f-]{36})/)![1]!,
  };
});

/** The page's width against the window's, naming the innermost elements that reach past its edge. */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const { scroll, width, widest } = await page.evaluate(() => {
    // Inside a box that scrolls or clips, reaching past the edge is fine: that box is what counts.
    const clipped = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement)
        if (getComputedStyle(p).overflowX !== "visible") return true;
      return false;
    };
    const root = document.documentElement;
    const over = [...document.body.querySelectorAll("*")].filter(
      (el) => el.getBoundingClientRect().right > root.clientWidth + 0.5 && !clipped(el),
    );
    const inner = over.filter((el) => !over.some((o) => o !== el && el.contains(o))).slice(0, 3);
    return {
      scroll: root.scrollWidth,
      width: root.clientWidth,
      widest: inner.map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`).join(", "),
    };
  });
  expect
    .soft(scroll, `${where}: page is ${scroll}px wide in a ${width}px window (${widest})`)
    .toBeLessThanOrEqual(width);
}

async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  expect
    .soft(
      violations.map((v) => `${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
      where,
    )
    .toEqual([]);
}

for (const visit of VISITS) {
  test(`${visit.name}: no axe violations in either theme, no sideways scroll on a phone`, async ({
    browser,
    baseURL,
  }) => {
    const context = await contextFor(browser, visit.persona, String(baseURL));
    const page = await context.newPage();
    const path = visit.path(ids);
    for (const theme of THEMES) {
      // The system setting; a stored choice (the gw_theme cookie) sets the same variables.
      await page.emulateMedia({ colorScheme: theme });
      await page.setViewportSize(DESKTOP);
      // Not "networkidle": Next prefetches every link in view, which on a 50-row table never settles.
      await page.goto(path);
      await visit.ready?.(page);
      const where = `${path} in ${theme}`;
      expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme), where).toBe(theme);
      await expectNoAxeViolations(page, `${where} at 1280×800`);
      // The same page narrowed (the layout follows media queries; no reload needed).
      await page.setViewportSize(PHONE);
      await page.waitForTimeout(100);
      await expectNoAxeViolations(page, `${where} at 390×844`);
      await expectNoSidewaysScroll(page, `${where} at 390×844`);
    }
    await context.close();
  });
}

test("admin users: each user's groups link to the group's page", async ({ browser, baseURL }) => {
  const context = await contextFor(browser, "ada", String(baseURL));
  const page = await context.newPage();
  await page.goto("/admin/users");
  const row = page.getByRole("row").filter({ has: page.getByText("Harper (HR)") });
  const link = row.getByRole("link", { name: "hr", exact: true });
  await expect(link).toHaveAttribute("href", "/admin/groups/hr");
  await link.click();
  await expect(page).toHaveURL(/\/admin\/groups\/hr$/);
  await expect(page.getByRole("heading", { name: "Group hr" })).toBeVisible();
  await context.close();
});
