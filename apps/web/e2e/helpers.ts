import path from "node:path";
import { expect, type APIRequestContext, type Page } from "@playwright/test";

export const PASSWORD = "groundwork-demo";
export const CORPUS_DIR = path.resolve(import.meta.dirname, "../../../ingest/corpus/quillfeather");

export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"));
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL((u) => u.pathname.startsWith("/sign-in"));
}

/** Signs an API client in and returns headers for mutations (same-origin + CSRF token). */
export async function apiSignIn(
  request: APIRequestContext,
  baseURL: string,
  username: string,
): Promise<Record<string, string>> {
  const origin = { origin: baseURL };
  const res = await request.post("/api/auth/sign-in", { data: { username, password: PASSWORD }, headers: origin });
  expect(res.status(), await res.text()).toBe(200);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { ...origin, "x-csrf-token": csrfToken };
}

type Run = { id: string; status: string; sourceId: string };

/**
 * The fixed sample corpus, ingested once per e2e data dir: if the product has not registered
 * it (first start), add it as a folder source; then wait until no run is active.
 */
export async function ensureCorpus(request: APIRequestContext, baseURL: string): Promise<void> {
  const headers = await apiSignIn(request, baseURL, "ada");
  const { sources } = (await (await request.get("/api/admin/sources")).json()) as {
    sources: { name: string; config: { path?: string } }[];
  };
  const corpus = sources.find((s) => s.config.path === CORPUS_DIR);
  if (!corpus) {
    const created = await request.post("/api/admin/sources", {
      headers,
      data: { name: "quillfeather", kind: "folder", path: CORPUS_DIR, defaultAcl: [] },
    });
    expect(created.status(), await created.text()).toBe(201);
    const run = await request.post("/api/admin/runs", { headers, data: { source: "quillfeather" } });
    expect(run.status(), await run.text()).toBe(202);
  }
  await expect
    .poll(
      async () => {
        const { runs } = (await (await request.get("/api/admin/runs")).json()) as { runs: Run[] };
        if (runs.some((r) => r.status === "queued" || r.status === "running")) return "active";
        return runs.some((r) => r.status === "succeeded" || r.status === "partial") ? "done" : "none";
      },
      { timeout: 120_000, intervals: [500, 1000, 2000] },
    )
    .toBe("done");
  await request.post("/api/auth/sign-out", { headers });
}
