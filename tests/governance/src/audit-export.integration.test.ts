import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auditEvents } from "@groundwork/db/schema";
import { availableTargets } from "@groundwork/db/testing";
import { startAppHarness, type AppHarness, type Session } from "./harness/app-harness";
import { webDir } from "./harness/route-tree";

/**
 * The audit export as a download: a filter the export cannot run is a 400 with its reason
 * before any byte of a file; a failure after the file started cuts the download off (the body
 * errors) instead of ending it like a complete file.
 */
type Handler = ((req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  policy: string;
};

describe.each(await availableTargets())("audit export on %s", (target) => {
  let app: AppHarness;
  let admin: Session;
  let exportRoute: Handler;

  beforeAll(async () => {
    app = await startAppHarness({ target });
    admin = await app.signIn("admin");
    exportRoute = ((await import(path.join(webDir, "app/api/audit/export/route.ts"))) as { GET: Handler }).GET;
    // More than one export page (500 rows), so the stream has a "later".
    await app.db.insert(auditEvents).values(
      Array.from({ length: 650 }, (_, i) => ({
        action: "test.row",
        actorUsername: "ada",
        target: `row-${i}`,
        requestId: `seed-${i}`,
      })),
    );
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => app?.dispose());

  const get = (query: string) =>
    app.invoke({ handler: exportRoute, path: `/api/audit/export?${query}`, session: admin });

  it.each([
    ["a date Postgres cannot hold", "from=-300000-01-01", /from/],
    ["a date past 9999", "to=%2B200000-01-01", /to/],
    // The route wrapper refuses NUL anywhere in a URL before the filter parser sees it.
    ["a NUL byte in a text filter", "actor=ada%00", /NUL characters/],
    ["a control character in the action", "action=test%01*", /control characters/],
    ["from after to", "from=2030-01-01&to=2020-01-01", /from is after to/],
    ["an unknown format", "format=xml", /format/],
  ])("refuses %s with 400 and a reason, before any file", async (_what, query, reason) => {
    const res = await get(query);
    const text = await res.text();
    expect(res.status, text).toBe(400);
    expect(res.headers.get("content-disposition")).toBeNull();
    expect(JSON.parse(text)).toMatchObject({ error: { code: "bad_request", message: expect.stringMatching(reason) } });
  });

  it("streams a valid filter completely", async () => {
    const res = await get("format=json&action=test.row");
    expect(res.status).toBe(200);
    const rows = JSON.parse(await res.text()) as unknown[];
    expect(rows).toHaveLength(650);
  });

  it("a failure after the first page errors the download instead of ending it cleanly", async () => {
    const res = await get("format=csv&action=test.row");
    expect(res.status).toBe(200);
    // The first page is already in hand; the next query fails (as a dropped database would).
    vi.spyOn(app.db, "select").mockImplementation(() => {
      throw Object.assign(new Error("Connection terminated unexpectedly"), { code: "57P01" });
    });
    await expect(res.text()).rejects.toThrow();
  });
});
