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

test("an employee asks, gets a streamed answer with a citation, and the viewer highlights the passage", async ({ page }) => {
  await signIn(page, "emma");
  await page.goto("/chat");
  await page.getByLabel("Your question").fill("How many days of paid annual leave do full-time employees get?");
  await page.getByRole("button", { name: "Ask" }).click();
  await expect(page.getByRole("button", { name: "Stop" })).toBeVisible();
  const answer = page.getByRole("article", { name: "Answer" }).last();
  await expect(answer).toHaveAttribute("aria-busy", "false", { timeout: 45_000 });
  await expect(answer).toContainText("25 days");
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
