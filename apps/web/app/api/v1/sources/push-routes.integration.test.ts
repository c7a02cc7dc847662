import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Principal } from "@groundwork/access/principal";
import { createApiToken, revokeApiToken } from "@groundwork/auth";
import { resolvePrincipal } from "@groundwork/auth/principal";
import { seedDemoUsers } from "@groundwork/auth/seed";
import { setSharedDb } from "@groundwork/db/client";
import { ingestionRuns, pushDocuments, sources } from "@groundwork/db/schema";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { createSource, executeRun, readIngestEnv } from "@groundwork/ingest";
import { createHashEmbedder } from "@groundwork/models/embeddings";

// The session cookie layer is Next's; here the signed-in user is whoever the test says.
const sessionState: { principal: Principal | null } = { principal: null };
vi.mock("~/lib/server/auth/session", () => ({
  readSession: async () =>
    sessionState.principal ? { sessionId: "s", csrfToken: "csrf-ok", principal: sessionState.principal } : null,
}));

const documentRoute = await import("./[source]/documents/[externalId]/route");
const { POST: bulk } = await import("./[source]/bulk/route");
const { POST: search } = await import("../../search/route");
const { resetTokenRateLimits } = await import("~/lib/server/http/token-auth");

type Json = Record<string, unknown>;

function request({
  method,
  path,
  body,
  token,
  session = false,
}: {
  method: string;
  path: string;
  body?: unknown;
  token?: string;
  session?: boolean;
}): Request {
  const headers: Record<string, string> = { host: "localhost" };
  if (token) headers.authorization = `Bearer ${token}`;
  // A browser's same-origin request: Origin and CSRF token as the web app sends them.
  if (session) Object.assign(headers, { origin: "http://localhost", "x-csrf-token": "csrf-ok" });
  let text: string | undefined;
  if (body !== undefined) {
    text = typeof body === "string" ? body : JSON.stringify(body);
    headers["content-type"] = "application/json";
    headers["content-length"] = String(Buffer.byteLength(text));
  }
  return new Request(`http://localhost${path}`, { method, headers, ...(text !== undefined ? { body: text } : {}) });
}

const at = (source: string, externalId: string) => ({
  path: `/api/v1/sources/${source}/documents/${encodeURIComponent(externalId)}`,
  ctx: { params: Promise.resolve({ source, externalId }) },
});

describe.each(await availableTargets())("push API routes on %s", (target) => {
  let db: TestDatabase;
  let ada: Principal;
  let emma: Principal;
  let harper: Principal;
  let pushToken: string;
  let otherSourceToken: string;
  let searchOnlyToken: string;

  const put = async ({ id, body, token = pushToken }: { id: string; body: unknown; token?: string }) => {
    const { path, ctx } = at("handbook", id);
    const res = await documentRoute.PUT(request({ method: "PUT", path, body, token }), ctx);
    return { status: res.status, json: (await res.json()) as Json };
  };
  const status = async (id: string) => {
    const { path, ctx } = at("handbook", id);
    const res = await documentRoute.GET(request({ method: "GET", path, token: pushToken }), ctx);
    return { status: res.status, json: (await res.json()) as Json };
  };
  /** The worker's turn: every queued run of the source, executed here with the worker's own function. */
  const runWorker = async () => {
    const [source] = await db.db.select().from(sources).where(eq(sources.name, "handbook"));
    const queued = await db.db
      .select({ id: ingestionRuns.id })
      .from(ingestionRuns)
      .where(and(eq(ingestionRuns.sourceId, source!.id), eq(ingestionRuns.status, "queued")));
    expect(queued.length).toBeGreaterThan(0);
    for (const run of queued)
      await executeRun({ db: db.db, runId: run.id, embedder: createHashEmbedder(), env: readIngestEnv() });
  };
  const searchAs = async (principal: Principal, query: string) => {
    sessionState.principal = principal;
    const res = await search(request({ method: "POST", path: "/api/search", body: { query }, session: true }), {
      params: Promise.resolve({}),
    });
    sessionState.principal = null;
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: Array<{ path: string; sourceName: string; text: string }> }).results
      .filter((r) => r.sourceName === "handbook")
      .map((r) => ({ path: r.path, text: r.text }));
  };

  beforeAll(async () => {
    db = await createTestDatabase({ target });
    setSharedDb(db);
    await seedDemoUsers({ db: db.db });
    ada = await resolvePrincipal({ db: db.db, username: "ada" });
    emma = await resolvePrincipal({ db: db.db, username: "emma" });
    harper = await resolvePrincipal({ db: db.db, username: "harper" });
    // No default access: a push without an acl is for admins only.
    await createSource({ db: db.db, name: "handbook", kind: "push", defaultAcl: [] });
    await createSource({ db: db.db, name: "other", kind: "push", defaultAcl: [] });
    const token = async (scopes: string[]) =>
      (await createApiToken({ db: db.db, userId: ada.userId, name: scopes.join(" "), scopes })).token;
    pushToken = await token(["ingest:write:handbook"]);
    otherSourceToken = await token(["ingest:write:other"]);
    searchOnlyToken = await token(["search", "chat"]);
    await resetTokenRateLimits();
  });
  afterAll(async () => {
    await db?.dispose();
  });

  it("push → indexed → searchable only in its ACL → update is a new version → delete → gone", async () => {
    const first = await put({
      id: "benefits/dental",
      body: {
        title: "Dental plan",
        content: "# Dental plan\n\nThe zirconium crown allowance is 900 euros per calendar year.",
        contentType: "markdown",
        url: "https://hr.example.com/dental",
        updatedAt: "2026-11-01T09:00:00Z",
        acl: { users: [], groups: ["hr", "nonexistent-group"] },
      },
    });
    expect(first.status).toBe(202);
    expect(first.json).toMatchObject({
      id: "benefits/dental",
      version: 1,
      status: "queued",
      access: { sourceDefault: false, groups: ["hr"], ignored: { groups: ["nonexistent-group"] } },
    });
    expect((await status("benefits/dental")).json).toMatchObject({ status: "queued", document: null });

    // The same push again changes nothing and keeps the version.
    const again = await put({
      id: "benefits/dental",
      body: {
        title: "Dental plan",
        content: "# Dental plan\n\nThe zirconium crown allowance is 900 euros per calendar year.",
        contentType: "markdown",
        url: "https://hr.example.com/dental",
        updatedAt: "2026-11-01T09:00:00Z",
        acl: { users: [], groups: ["hr", "nonexistent-group"] },
      },
    });
    expect(again).toMatchObject({ status: 200, json: { version: 1, status: "unchanged" } });

    await runWorker();
    const indexed = await status("benefits/dental");
    expect(indexed.status).toBe(200);
    expect(indexed.json).toMatchObject({ status: "indexed", version: 1, error: null });
    expect(indexed.json.processedAt).toEqual(expect.any(String));
    const document = indexed.json.document as { id: string; version: number };
    expect(document.version).toBe(1);

    expect((await searchAs(harper, "zirconium crown allowance")).map((r) => r.path)).toEqual(["benefits/dental"]);
    expect(await searchAs(emma, "zirconium crown allowance")).toEqual([]);

    const second = await put({
      id: "benefits/dental",
      body: {
        title: "Dental plan",
        content: "# Dental plan\n\nThe zirconium crown allowance is 1200 euros per calendar year.",
        contentType: "markdown",
        acl: { users: [], groups: ["hr"] },
      },
    });
    expect(second.json).toMatchObject({ version: 2, status: "queued" });
    // Until the worker runs, the indexed version stays the searchable one.
    expect((await status("benefits/dental")).json).toMatchObject({ status: "queued", document });
    await runWorker();
    const updated = await status("benefits/dental");
    expect(updated.json).toMatchObject({ status: "indexed", version: 2, document: { version: 2 } });
    const hits = await searchAs(harper, "zirconium crown allowance");
    expect(hits.map((r) => r.text).join(" ")).toContain("1200 euros");
    expect(hits.map((r) => r.text).join(" ")).not.toContain("900 euros");
    expect(await searchAs(emma, "zirconium crown allowance")).toEqual([]);

    const { path, ctx } = at("handbook", "benefits/dental");
    const removed = await documentRoute.DELETE(request({ method: "DELETE", path, token: pushToken }), ctx);
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({ id: "benefits/dental", version: 3, status: "deleted" });
    // Out of search at once, not at the next run.
    expect(await searchAs(harper, "zirconium crown allowance")).toEqual([]);
    expect((await status("benefits/dental")).json).toMatchObject({ status: "deleted", document: null });
    const twice = await documentRoute.DELETE(request({ method: "DELETE", path, token: pushToken }), ctx);
    expect(twice.status).toBe(404);
  });

  it("a push without an acl on a source without default access is for admins only", async () => {
    expect(
      (await put({ id: "admins-only", body: { content: "Quarterly vermilion forecast.", contentType: "text" } })).json,
    ).toMatchObject({ status: "queued", access: { sourceDefault: true, users: [], groups: [] } });
    await runWorker();
    expect((await status("admins-only")).json).toMatchObject({ status: "indexed" });
    expect(await searchAs(harper, "vermilion forecast")).toEqual([]);
    expect((await searchAs(ada, "vermilion forecast")).map((r) => r.path)).toEqual(["admins-only"]);
  });

  it("bulk: each item on its own; a file the parser cannot read fails that document with a reason, the run goes on", async () => {
    const res = await bulk(
      request({
        method: "POST",
        path: "/api/v1/sources/handbook/bulk",
        token: pushToken,
        body: {
          items: [
            {
              externalId: "bulk/ok",
              document: {
                content: "<h1>Travel</h1><p>Tangerine trains are booked in second class.</p>",
                contentType: "html",
                acl: { users: ["emma"], groups: [] },
              },
            },
            { externalId: "bulk/bad-base64", document: { file: { base64: "not base64!!", mime: "application/pdf" } } },
            {
              externalId: "bulk/bad-mime",
              document: { file: { base64: "aGVsbG8=", mime: "application/x-msdownload" } },
            },
            // Valid base64 of bytes that are no PDF: accepted now, refused by the parser in the worker.
            {
              externalId: "bulk/broken.pdf",
              document: {
                file: { base64: Buffer.from("%PDF-1.7 this is not a pdf").toString("base64"), mime: "application/pdf" },
              },
            },
            { externalId: "bulk/never-pushed", delete: true },
          ],
        },
      }),
      { params: Promise.resolve({ source: "handbook" }) },
    );
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as {
      results: Array<Json & { ok: boolean; error?: { code: string; message: string } }>;
    };
    expect(results.map((r) => [r.externalId, r.ok])).toEqual([
      ["bulk/ok", true],
      ["bulk/bad-base64", false],
      ["bulk/bad-mime", false],
      ["bulk/broken.pdf", true],
      ["bulk/never-pushed", false],
    ]);
    expect(results[1]!.error).toEqual({ code: "bad_request", message: "file.base64 is not valid base64." });
    expect(results[2]!.error).toMatchObject({
      code: "unsupported",
      message: expect.stringContaining("application/x-msdownload"),
    });
    expect(results[4]!.error).toMatchObject({ code: "not_found" });

    await runWorker();
    expect((await status("bulk/ok")).json).toMatchObject({ status: "indexed", error: null });
    const broken = await status("bulk/broken.pdf");
    expect(broken.json).toMatchObject({ status: "failed", document: null });
    expect(String(broken.json.error).length).toBeGreaterThan(5);
    const [row] = await db.db
      .select({ error: pushDocuments.error, processedAt: pushDocuments.processedAt })
      .from(pushDocuments)
      .where(eq(pushDocuments.externalId, "bulk/broken.pdf"));
    expect(row!.error).toBe(broken.json.error);
    expect(row!.processedAt).not.toBeNull();
    expect((await searchAs(emma, "tangerine trains")).map((r) => r.path)).toEqual(["bulk/ok"]);
    expect(await searchAs(harper, "tangerine trains")).toEqual([]);
    expect((await status("bulk/never-pushed")).status).toBe(404);
  });

  it("bad input is a 400 that says what is wrong, never a 500", async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ title: "No body" }, /^Invalid request: body needs exactly one of content or file\.$/],
      [{ content: "x", contentType: "pdf" }, /contentType/],
      [{ content: "x", contentType: "text", acl: { users: "emma" } }, /acl\.users/],
      [
        { content: "x", contentType: "text", url: "javascript:alert(1)" },
        /^Invalid request: url must be an http\(s\) URL\.$/,
      ],
      [
        { content: "x", contentType: "text", updatedAt: "yesterday" },
        /^Invalid request: updatedAt must be an ISO 8601 date-time\.$/,
      ],
      [{ content: "x", contentType: "text", extra: 1 }, /extra|unrecognized/i],
      [{ file: { base64: "%%%", mime: "application/pdf" } }, /^file\.base64 is not valid base64\.$/],
      [{ content: "", contentType: "text" }, /^The document is empty\.$/],
      ["{not json", /JSON/i],
    ];
    for (const [body, message] of cases) {
      const res = await put({ id: "bad", body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((res.json.error as { message: string }).message, JSON.stringify(body)).toMatch(message);
    }
    const unsupported = await put({ id: "bad", body: { file: { base64: "aGVsbG8=", mime: "image/x-unknown" } } });
    expect(unsupported.status).toBe(415);
    expect((unsupported.json.error as { message: string }).message).toMatch(/Unsupported file type image\/x-unknown/);
  });

  it("takes only a bearer token with ingest:write:<source>; a cookie, another source's token or a revoked token get nothing", async () => {
    const body = { content: "Saffron lanterns.", contentType: "text" };
    const { path, ctx } = at("handbook", "scoped");

    // A signed-in admin's cookie, with Origin and CSRF token: still no.
    sessionState.principal = ada;
    const cookie = await documentRoute.PUT(request({ method: "PUT", path, body, session: true }), ctx);
    sessionState.principal = null;
    expect(cookie.status).toBe(401);
    expect(await cookie.json()).toMatchObject({ error: { code: "unauthorized" } });

    const other = await documentRoute.PUT(request({ method: "PUT", path, body, token: otherSourceToken }), ctx);
    expect(other.status).toBe(403);
    // The same 403 for a source that does not exist: a token learns nothing about other sources.
    const missing = at("no-such-source", "scoped");
    const ghost = await documentRoute.PUT(
      request({ method: "PUT", path: missing.path, body, token: otherSourceToken }),
      missing.ctx,
    );
    expect(ghost.status).toBe(403);
    const [a, b] = [(await other.json()) as Json, (await ghost.json()) as Json];
    expect((a.error as Json).code).toBe("forbidden");
    expect(((b.error as Json).message as string).replace("no-such-source", "handbook")).toBe((a.error as Json).message);

    const readOnly = await documentRoute.PUT(request({ method: "PUT", path, body, token: searchOnlyToken }), ctx);
    expect(readOnly.status).toBe(403);
    const readStatus = await documentRoute.GET(request({ method: "GET", path, token: searchOnlyToken }), ctx);
    expect(readStatus.status).toBe(403);

    const invalid = await documentRoute.PUT(request({ method: "PUT", path, body, token: "gw_pat_nope" }), ctx);
    expect(invalid.status).toBe(401);

    const { token, listing } = await createApiToken({
      db: db.db,
      userId: ada.userId,
      name: "soon revoked",
      scopes: ["ingest:write:handbook"],
    });
    expect((await documentRoute.PUT(request({ method: "PUT", path, body, token }), ctx)).status).toBe(202);
    await revokeApiToken({ db: db.db, id: listing.id });
    const revoked = await documentRoute.PUT(request({ method: "PUT", path, body, token }), ctx);
    expect(revoked.status).toBe(401);
    const revokedBulk = await bulk(
      request({
        method: "POST",
        path: "/api/v1/sources/handbook/bulk",
        token,
        body: { items: [{ externalId: "x", delete: true }] },
      }),
      { params: Promise.resolve({ source: "handbook" }) },
    );
    expect(revokedBulk.status).toBe(401);
  });
});
