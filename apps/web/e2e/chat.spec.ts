import { expect, test, type Page } from "@playwright/test";
import { signIn, signOut } from "./helpers";

async function ask(page: Page, question: string) {
  await page.getByLabel("Your question").fill(question);
  await page.getByRole("button", { name: "Ask" }).click();
  const answer = page.getByRole("article", { name: "Answer" }).last();
  // Streaming shows the Stop button until the answer is done.
  await expect(page.getByRole("button", { name: "Stop" })).toBeHidden({ timeout: 45_000 });
  await expect(answer).toHaveAttribute("aria-busy", "false");
  return answer;
}

test("an employee asks, gets a streamed answer with a citation, and the viewer highlights the passage", async ({
  page,
}) => {
  await signIn(page, "emma");
  await page.goto("/chat");
  await page.getByLabel("Your question").fill("How many days of paid annual leave do full-time employees get?");
  await page.getByRole("button", { name: "Ask" }).click();
  await expect(page.getByRole("button", { name: "Stop" })).toBeVisible();
  const answer = page.getByRole("article", { name: "Answer" }).last();
  await expect(answer).toHaveAttribute("aria-busy", "false", { timeout: 45_000 });
  await expect(answer).toContainText("25 days");
  // Spelled right: nothing was corrected, so no "Searched for" line.
  await expect(answer.getByText(/Searched for/)).toHaveCount(0);
  const chip = answer.locator("a.cite").first();
  await expect(chip).toBeVisible();
  await chip.hover();
  await expect(page.getByRole("tooltip")).toContainText("Leave Policy");
  await expect(answer.getByRole("heading", { name: "Sources" })).toBeVisible();
  await chip.click();
  await expect(page).toHaveURL(/\/documents\/[0-9a-f-]+\?chunk=/);
  await expect(page.getByRole("heading", { level: 1, name: "Leave Policy" })).toBeVisible();
  const passage = page.locator("mark.passage").first();
  await expect(passage).toBeVisible();
  await expect(passage).toBeInViewport();
  await expect(page.getByRole("status").filter({ hasText: "Cited passage highlighted" })).toBeVisible();
});

test("an HR-only document appears nowhere on an employee's page; an HR user gets it", async ({ page }) => {
  const question = "What is the merit increase budget in the January 2027 salary review guidance?";
  await signIn(page, "emma");
  await page.goto("/chat");
  const answer = await ask(page, question);
  await expect(answer).not.toBeEmpty();
  const body = await page.locator("body").innerText();
  const html = await page.content();
  for (const secret of ["Salary Review Guidance", "salary-review-guidance", "Total Rewards", "4.0%"]) {
    expect(body, secret).not.toContain(secret);
    expect(html, secret).not.toContain(secret);
  }
  await signOut(page);

  await signIn(page, "harper");
  await page.goto("/chat");
  const hrAnswer = await ask(page, question);
  await expect(hrAnswer.getByRole("heading", { name: "Sources" })).toBeVisible();
  await expect(hrAnswer.locator(".sources")).toContainText("Salary Review Guidance");
  await expect(hrAnswer).toContainText("4.0%");
});

test("follow-ups continue the conversation, and it appears in the history sidebar", async ({ page }) => {
  await signIn(page, "emma");
  await page.goto("/chat");
  await ask(page, "How do I request annual leave?");
  await expect(page).toHaveURL(/\/chat\?c=[0-9a-f-]{36}/);
  const url = page.url();
  await ask(page, "How far in advance?");
  await expect(page.getByRole("article", { name: "Answer" })).toHaveCount(2);
  const history = page.getByRole("complementary", { name: "Conversation history" });
  await expect(history.getByRole("link", { name: /annual leave/i }).first()).toBeVisible();
  await page.goto(url);
  await expect(page.getByRole("article", { name: "Answer" })).toHaveCount(2);
  await expect(page.locator(".msg-user")).toHaveText(["How do I request annual leave?", "How far in advance?"]);
});

test("feedback with a comment is recorded and shows in the admin review", async ({ page }) => {
  const comment = `Needed the carry-over rule too (${Date.now()})`;
  await signIn(page, "emma");
  await page.goto("/chat");
  const answer = await ask(page, "Can I carry over unused annual leave?");
  await answer.getByRole("button", { name: "Not helpful" }).click();
  await expect(answer.getByRole("status").filter({ hasText: "feedback recorded" })).toBeVisible();
  await answer.getByPlaceholder("Add a comment (optional)").fill(comment);
  await answer.getByRole("button", { name: "Send" }).click();
  await expect(answer.getByRole("status").filter({ hasText: "comment recorded" })).toBeVisible();
  await signOut(page);

  await signIn(page, "ada");
  await page.goto("/admin/feedback");
  const row = page.getByRole("row").filter({ hasText: comment });
  await expect(row).toBeVisible();
  await expect(row).toContainText("emma");
  await expect(row).toContainText("not helpful");
  await expect(row).toContainText("Can I carry over unused annual leave?");
});

test("a misspelled question says what was searched for, in the answer and when the conversation is reopened", async ({
  page,
}) => {
  await signIn(page, "emma");
  await page.goto("/chat");
  const answer = await ask(page, "How many days of paid annaul leave do full-time emplyees get?");
  // Which words are corrected is retrieval's call: assert the line's shape, and that it names what was typed.
  const line = answer.locator("p", { hasText: /^Searched for/ });
  await expect(line).toHaveCount(1);
  await expect(line.locator("strong").first()).toBeVisible();
  await expect(line).toContainText(/you typed .*(annaul|emplyees)/);
  await expect(page).toHaveURL(/\/chat\?c=[0-9a-f-]{36}/);
  const typed = await line.innerText();
  await page.goto(page.url());
  const reopened = page
    .getByRole("article", { name: "Answer" })
    .last()
    .locator("p", { hasText: /^Searched for/ });
  await expect(reopened).toHaveText(typed);
});

/**
 * The e2e server answers with its fake language model, so offline answers (no model, or the
 * model failing) are served here as the pipeline streams them: this checks what the chat shows
 * for that contract, whichever passage the pipeline picks.
 */
function offlineStream({ confidence, notice }: { confidence: "answer" | "closest"; notice: string | null }): string {
  const doc = "3f1c2a9e-1b2c-4d5e-8f90-123456789abc";
  const citation = (n: number, headings: string[], pageFrom: number | null, pageTo: number | null) => ({
    n,
    chunkId: `00000000-0000-4000-8000-00000000000${n}`,
    documentId: doc,
    title: "Leave Policy",
    path: "everyone/leave-policy.pdf",
    sourceName: "handbook",
    version: 1,
    pageFrom,
    pageTo,
    headings,
    charStart: n * 100,
    charEnd: n * 100 + 80,
    href: `/documents/${doc}?chunk=00000000-0000-4000-8000-00000000000${n}&start=${n * 100}&end=${n * 100 + 80}`,
    snippet: "Unused leave carries over up to 5 days.",
  });
  const content =
    "Unused leave carries over up to 5 days into the next year. [1] Carry-over must be used by March 31. [2]";
  const events: Array<[string, unknown]> = [
    ["status", { stage: "retrieving", message: "Searching your documents…" }],
    ["delta", { text: content }],
    [
      "citations",
      {
        mode: "extractive",
        content,
        citations: [
          citation(1, ["Leave Policy", "Carry-over"], 4, 4),
          citation(2, ["Annual leave", "Deadlines"], 4, 5),
          citation(3, ["Public holidays"], null, null),
        ],
        flags: [],
        notice,
        closest: [],
        confidence,
        corrections: [],
      },
    ],
    [
      "done",
      {
        conversationId: "7e2d0f4a-5b6c-4d7e-9f01-23456789abcd",
        messageId: "8e2d0f4a-5b6c-4d7e-9f01-23456789abcd",
        userMessageId: "9e2d0f4a-5b6c-4d7e-9f01-23456789abcd",
        mode: "extractive",
        timings: {},
      },
    ],
  ];
  return events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join("");
}

test("an offline answer leads with its passage card (section path, page, highlighted text) and shows no model notice", async ({
  page,
}) => {
  await signIn(page, "emma");
  await page.goto("/chat");
  // An answer stored before the pipeline stopped sending it still carries the old notice: the chat must not show it.
  const oldNotice =
    "Extractive answer: these sentences are quoted directly from your documents; no language model is configured.";
  await page.route("**/api/chat", (route) =>
    route.fulfill({
      status: 200,
      headers: { "content-type": "text/event-stream" },
      body: offlineStream({ confidence: "answer", notice: oldNotice }),
    }),
  );
  const answer = await ask(page, "Can I carry over unused leave?");
  const card = answer.getByRole("region", { name: "Best passage" });
  await expect(card).toBeVisible();
  await expect(card.getByRole("link", { name: "Leave Policy › Carry-over", exact: true })).toHaveAttribute(
    "href",
    /chunk=00000000-0000-4000-8000-000000000001/,
  );
  await expect(card).toContainText("page 4");
  await expect(card.locator("mark").first()).toContainText("Unused leave carries over");
  const supporting = card.getByRole("list");
  await expect(supporting.getByRole("listitem")).toHaveCount(2);
  await expect(
    supporting.getByRole("link", { name: "Leave Policy › Annual leave › Deadlines", exact: true }),
  ).toBeVisible();
  await expect(supporting).toContainText("pages 4–5");
  await expect(answer.getByRole("note")).toHaveCount(0);
  await expect(answer).not.toContainText("no language model is configured");
  await expect(answer.getByText(/Closest passage/)).toHaveCount(0);
});

test("a closest-passage result is labelled as such, not as an answer", async ({ page }) => {
  await signIn(page, "emma");
  await page.goto("/chat");
  await page.route("**/api/chat", (route) =>
    route.fulfill({
      status: 200,
      headers: { "content-type": "text/event-stream" },
      body: offlineStream({ confidence: "closest", notice: null }),
    }),
  );
  const answer = await ask(page, "Is there a sabbatical programme?");
  const card = answer.getByRole("region", { name: "Closest passage" });
  await expect(card).toBeVisible();
  await expect(card).toContainText("nearest match in your documents; it may not answer the question exactly");
  await expect(answer.getByRole("region", { name: "Best passage" })).toHaveCount(0);
});

test("the admin console home says which language model answers; employees cannot open it", async ({ page }) => {
  await signIn(page, "ada");
  await page.goto("/admin");
  await expect(page.getByRole("heading", { level: 1, name: "Admin console" })).toBeVisible();
  // The e2e server runs with its fake model configured, so no setup hint here.
  await expect(page.getByText("fake-e2e")).toBeVisible();
  await expect(page.getByRole("heading", { name: "No language model is configured" })).toHaveCount(0);
  await signOut(page);
  await signIn(page, "emma");
  const res = await page.goto("/admin");
  expect(res?.status()).toBe(404);
});
