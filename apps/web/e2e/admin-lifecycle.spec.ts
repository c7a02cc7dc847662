import { expect, test, type Page } from "@playwright/test";
import { CORPUS_DIR, apiSignIn, ensureCorpus, signIn } from "./helpers";

/**
 * The admin lifecycle: delete a document behind a confirmation (it leaves search), edit a
 * source's default access, search and page the documents list — on a desktop and a phone.
 */
for (const [label, viewport] of [
  ["desktop", { width: 1280, height: 800 }],
  ["phone", { width: 390, height: 844 }],
] as const) {
  test.describe(`admin lifecycle (${label})`, () => {
    test.use({ viewport });

    test.beforeEach(async ({ request, baseURL }) => {
      await ensureCorpus(request, baseURL!);
    });

    const noSideScroll = async (page: Page) =>
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);

    test("an admin deletes an uploaded document after confirming; no one finds it any more", async ({
      page,
      baseURL,
      playwright,
    }) => {
      const token = `wallabyfig${label}${Date.now().toString(36)}`;
      await signIn(page, "ada");
      await page.goto("/admin/sources");
      const upload = page.getByRole("form", { name: "Upload documents" });
      await upload.getByLabel(/^Files/).setInputFiles({
        name: `doomed-${token}.md`,
        mimeType: "text/markdown",
        buffer: Buffer.from(`# Doomed note ${token}\n\nThe ${token} note is about to be deleted by an admin.\n`),
      });
      await upload.getByLabel(/Who may read them/).fill("everyone");
      await upload.getByRole("button", { name: "Upload" }).click();
      await expect(page).toHaveURL(/\/admin\/runs\/[0-9a-f-]+/);
      await expect(page.locator(".badge", { hasText: /^(succeeded|partial)$/ })).toBeVisible({ timeout: 60_000 });

      const hits = async () => {
        const ctx = await playwright.request.newContext({ baseURL });
        try {
          const headers = await apiSignIn(ctx, baseURL!, "emma");
          const res = await ctx.post("/api/search", { headers, data: { query: token, limit: 10 } });
          expect(res.status(), await res.text()).toBe(200);
          return ((await res.json()) as { results: { title: string }[] }).results.filter((r) => r.title.includes(token))
            .length;
        } finally {
          await ctx.dispose();
        }
      };
      expect(await hits()).toBeGreaterThan(0);

      // Find it by searching the list; the query is in the URL.
      await page.goto("/admin/documents");
      await page.getByRole("searchbox", { name: "Title or path" }).fill(token);
      await page.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(new RegExp(`[?&]q=${token}`));
      await expect(page.getByRole("main").getByRole("status").first()).toHaveText(/1–1 of 1 document version\./);
      await page.getByRole("link", { name: `Who can see Doomed note ${token}` }).click();

      await page.getByRole("button", { name: `Delete: Doomed note ${token}` }).click();
      const dialog = page.getByRole("dialog", { name: `Delete Doomed note ${token}?` });
      await expect(dialog).toBeVisible();
      await expect(dialog).toContainText("1 version and");
      await expect(dialog).toContainText(/\d+ searchable passages? leave search/);
      await expect(dialog).toContainText("next sync adds it back");
      // Cancel keeps it.
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await expect(dialog).toBeHidden();
      expect(await hits()).toBeGreaterThan(0);

      await page.getByRole("button", { name: `Delete: Doomed note ${token}` }).click();
      await dialog.getByRole("button", { name: /^Delete 1 version and/ }).click();
      await expect(page).toHaveURL(/\/admin\/documents$/);
      expect(await hits()).toBe(0);
      await page.goto(`/admin/documents?q=${token}`);
      await expect(page.getByRole("main").getByRole("status").first()).toHaveText("No documents match.");
      await noSideScroll(page);
    });

    test("an admin edits a source's default access and sees per-folder effective access", async ({ page }) => {
      await signIn(page, "ada");
      const { sources } = (await (await page.request.get("/api/admin/sources")).json()) as {
        sources: { id: string; config: { path?: string } }[];
      };
      await page.goto(`/admin/sources/${sources.find((s) => s.config.path === CORPUS_DIR)!.id}`);
      await expect(page.getByRole("heading", { name: "Effective access by folder" })).toBeVisible();
      const folders = page.getByRole("table").filter({ hasText: "Who can read" });
      // The corpus's folders grant more than its (empty) default: the table says so.
      await expect(folders.getByRole("row").filter({ hasText: "everyone" }).first()).toBeVisible();

      const acl = page.getByLabel("Default access");
      await acl.fill("support");
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect(page.getByText(/^Saved\./)).toBeVisible();
      await page.reload();
      // Stored as principals: a bare name is a group.
      await expect(page.getByLabel("Default access")).toHaveValue("group:support");
      await expect(page.getByText("Default access (items without their own rules)").locator("..")).toContainText(
        "group:support",
      );
      // Back to what the other specs expect; the form says when the change reaches documents.
      await page.getByLabel("Default access").fill("");
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect(page.getByText("Saved. The new default access applies to documents at the next run.")).toBeVisible();
      await noSideScroll(page);
    });

    test("the documents list pages with a real total and keeps its state in the URL", async ({ page }) => {
      await signIn(page, "ada");
      await page.goto("/admin/documents?status=active");
      const status = page.getByRole("main").getByRole("status").first();
      await expect(status).toHaveText(/^1–\d+ of \d+ document versions\.$/);
      const total = Number(/of (\d+)/.exec((await status.textContent()) ?? "")![1]);
      expect(total).toBeGreaterThan(20);
      // Ten per page, chosen in the form: the size joins the URL state.
      await page.getByLabel("Per page").selectOption("10");
      await page.getByRole("button", { name: "Apply" }).click();
      await expect(page).toHaveURL(/[?&]size=10/);
      await expect(status).toHaveText(`1–10 of ${total} document versions.`);
      await page.getByRole("link", { name: "Next →" }).click();
      await expect(page).toHaveURL(/status=active&size=10&page=2/);
      await expect(status).toHaveText(`11–20 of ${total} document versions.`);
      await expect(page.getByText(`Page 2 of ${Math.ceil(total / 10)}`)).toBeVisible();
      await expect(page.getByRole("table").getByRole("row")).toHaveCount(11);
      await page.goBack();
      await expect(status).toHaveText(`1–10 of ${total} document versions.`);
      await noSideScroll(page);
    });
  });
}
