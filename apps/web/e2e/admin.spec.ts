import { expect, test } from "@playwright/test";
import { apiSignIn, signIn } from "./helpers";

test("an admin uploads a document with an ACL, runs ingestion, watches progress; only that group can find it", async ({
  page,
  baseURL,
  playwright,
}) => {
  const token = `quokkaberry${Date.now().toString(36)}`;
  const content = `# Legal Hold Procedure ${token}\n\nWhen a legal hold notice arrives, preserve every ${token} record for seven years and tell Legal within one business day.\n`;

  await signIn(page, "ada");
  await page.goto("/admin/sources");
  const upload = page.getByRole("form", { name: "Upload documents" });
  await upload
    .getByLabel(/^Files/)
    .setInputFiles({ name: `legal-hold-${token}.md`, mimeType: "text/markdown", buffer: Buffer.from(content) });
  await upload.getByLabel(/Who may read them/).fill("legal");
  await upload.getByRole("button", { name: "Upload" }).click();

  // The upload starts a run and opens its live progress page.
  await expect(page).toHaveURL(/\/admin\/runs\/[0-9a-f-]+/);
  await expect(page.getByRole("heading", { name: "Ingestion run" })).toBeVisible();
  await expect(page.getByRole("progressbar")).toBeVisible();
  await expect(page.locator(".badge", { hasText: /^(succeeded|partial)$/ })).toBeVisible({ timeout: 60_000 });
  // At least this file: the uploads source may hold another spec's file, deleted from the index but
  // still in the upload folder, which the run adds back (the delete dialog says so).
  await expect(page.getByTestId("run-counts")).toContainText(/Added [1-9]/);
  const fileRow = page.getByRole("row").filter({ hasText: `legal-hold-${token}.md` });
  await expect(fileRow).toContainText("added");

  // The document list (searched: it is paged) shows the new document with its ACL.
  await page.goto(`/admin/documents?q=${token}`);
  await expect(page.getByRole("row").filter({ hasText: token }).getByRole("textbox")).toHaveValue("legal");

  // Searchable for the legal group only.
  const search = async (username: string) => {
    const ctx = await playwright.request.newContext({ baseURL });
    try {
      const headers = await apiSignIn(ctx, baseURL!, username);
      const res = await ctx.post("/api/search", { headers, data: { query: token, limit: 10 } });
      expect(res.status(), await res.text()).toBe(200);
      const body = (await res.json()) as { results: { title: string }[] };
      return body.results.filter((r) => r.title.includes(token)).length;
    } finally {
      await ctx.dispose();
    }
  };
  expect(await search("lena")).toBeGreaterThan(0);
  expect(await search("emma")).toBe(0);
  expect(await search("sam")).toBe(0);
  expect(await search("harper")).toBe(0);
});

test("an admin changes a document's ACL and it takes effect at the next query", async ({
  page,
  baseURL,
  playwright,
}) => {
  await signIn(page, "ada");
  await page.goto("/admin/documents");
  const row = page.getByRole("row").filter({ hasText: "Customer Password and MFA Reset Procedure" }).first();
  const acl = row.getByRole("textbox");
  await expect(acl).toHaveValue("support");
  await acl.fill("support, everyone");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toHaveText("Saved");

  const ctx = await playwright.request.newContext({ baseURL });
  const headers = await apiSignIn(ctx, baseURL!, "emma");
  const found = async () => {
    const res = await ctx.post("/api/search", {
      headers,
      data: { query: "customer password MFA reset procedure", limit: 10 },
    });
    return ((await res.json()) as { results: { title: string }[] }).results.some(
      (r) => r.title === "Customer Password and MFA Reset Procedure",
    );
  };
  expect(await found()).toBe(true);
  await acl.fill("support");
  await row.getByRole("button", { name: "Save" }).click();
  await expect(row.getByRole("status")).toHaveText("Saved");
  expect(await found()).toBe(false);
  await ctx.dispose();
});

test("admin users page: create a user with a group; the audit log records it", async ({ page }) => {
  const username = `e2e-${Date.now().toString(36)}`;
  await signIn(page, "ada");
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "Create a user" });
  await form.getByLabel("Username").fill(username);
  await form.getByLabel("Display name").fill("E2E Person");
  await form.getByLabel(/^Groups/).fill("legal");
  await form.getByLabel(/Initial password/).fill("a-long-enough-password");
  await form.getByRole("button", { name: "Create user" }).click();
  await expect(form.getByRole("status")).toHaveText("User created.");
  await expect(page.getByRole("row").filter({ hasText: username }).getByRole("textbox")).toHaveValue("legal");
  await page.goto("/admin/audit?action=user.create");
  await expect(page.getByRole("row").filter({ hasText: "user.create" }).first()).toBeVisible();
});

test("feedback triage: a rated answer shows as markdown, links to its conversation, is marked reviewed then added to the eval set, and the export holds it", async ({
  page,
}) => {
  const question = "Can I carry over unused annual leave?";
  const comment = `triage me (${Date.now()})`;
  await signIn(page, "emma");
  await page.goto("/chat");
  await page.getByLabel("Your question").fill(question);
  await page.getByRole("button", { name: "Ask", exact: true }).click();
  const answer = page.getByRole("article", { name: "Answer" }).last();
  await expect(page.getByRole("button", { name: "Stop" })).toBeHidden({ timeout: 45_000 });
  await expect(answer).toHaveAttribute("aria-busy", "false");
  await answer.getByRole("button", { name: "Helpful", exact: true }).click();
  await expect(answer.getByRole("status").filter({ hasText: "feedback recorded" })).toBeVisible();
  await answer.getByPlaceholder("Add a comment (optional)").fill(comment);
  await answer.getByRole("button", { name: "Send" }).click();
  await expect(answer.getByRole("status").filter({ hasText: "comment recorded" })).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((u) => u.pathname.startsWith("/sign-in"));

  await signIn(page, "ada");
  await page.goto("/admin/feedback?triage=new");
  const row = page.getByRole("row").filter({ hasText: comment });
  await expect(row).toBeVisible();
  // The answer is rendered (paragraphs, no raw markdown), inside a clamped box.
  await expect(row.locator(".clamped-box p").first()).toBeVisible();
  await expect(row.locator(".clamped-box")).not.toContainText("**");

  // The question links to the read-only conversation with the rated answer marked.
  await row.getByRole("link", { name: question }).click();
  await expect(page).toHaveURL(/\/admin\/conversations\/[0-9a-f-]+\?message=/);
  await expect(page.getByText(question).first()).toBeVisible();
  const rated = page.getByRole("listitem", { name: "Rated answer" });
  await expect(rated).toContainText("rated message");
  await expect(rated.getByRole("list", { name: "Citations" }).getByRole("link").first()).toBeVisible();
  await rated.getByRole("combobox", { name: /Review state/ }).selectOption("reviewed");
  await expect(rated.getByRole("status")).toHaveText("Saved: Reviewed");

  // Reviewed: gone from "new", shown under "reviewed"; from there it goes to the eval set.
  await page.goto("/admin/feedback?triage=new");
  await expect(page.getByRole("row").filter({ hasText: comment })).toHaveCount(0);
  await page.goto("/admin/feedback?triage=reviewed");
  await expect(page.getByRole("row").filter({ hasText: comment })).toBeVisible();
  await page.goto("/admin/feedback");
  const reviewed = page.getByRole("row").filter({ hasText: comment });
  await reviewed.getByRole("combobox", { name: /Review state/ }).selectOption("eval");
  await expect(reviewed.getByRole("status")).toHaveText("Saved: Added to eval set");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export eval set (JSONL)" }).click();
  const file = await (await download).path();
  const fs = await import("node:fs");
  const lines = fs
    .readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { question: string; asUser: string; expect: string; comment: string | null });
  expect(lines).toContainEqual(expect.objectContaining({ question, asUser: "emma", expect: "answer", comment }));
});
