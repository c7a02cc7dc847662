import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, sources } from "@groundwork/db/schema";
import { availableTargets } from "@groundwork/db/testing";
import { startAppHarness, withRequestScope, type AppHarness, type Session } from "./harness/app-harness";
import { pageFile, renderPage } from "./harness/product-api";
import { webDir } from "./harness/route-tree";

/**
 * The connectors console never hands a source's secrets back: a SQL password and a web site's
 * Authorization header, set through the API, are absent from every sources API response (list,
 * one, create, edit, test connection saved and unsaved, run, pause, resume, delete, refused
 * input), from what the admin pages hand to the browser, and from the audit rows — which name
 * the secret fields instead. The database holds them only encrypted.
 */
const PASSWORD = "canary-secret-XYZ";
const AUTH_HEADER = "Bearer canary-token-QRS";
const CANARIES = [PASSWORD, "canary-token-QRS"];

type Handler = ((req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  policy: string;
};
type Mod = Partial<Record<"GET" | "POST" | "PATCH" | "DELETE", Handler>>;
const api = async (rel: string) => (await import(path.join(webDir, "app/api", rel, "route.ts"))) as Mod;

// Loopback: the connectors' network guard refuses it at once, so "Test connection" fails fast
// with a reason — the place a careless connector would echo its credentials.
const sqlConfig = {
  url: "postgres://reader@127.0.0.1:5432/crm",
  password: PASSWORD,
  query: "select id, subject, body from tickets",
  idColumn: "id",
  titleColumn: "subject",
  textColumn: "body",
};

describe.each(await availableTargets())("source secrets on %s", (target) => {
  let app: AppHarness;
  let ada: Session;
  const seen: { what: string; status: number; text: string }[] = [];
  const before = process.env.GROUNDWORK_SECRET_KEY;

  beforeAll(async () => {
    // A key of this test's own, not one generated into the data dir.
    process.env.GROUNDWORK_SECRET_KEY = randomBytes(32).toString("base64");
    app = await startAppHarness({ target });
    ada = await app.signIn("admin");
  });
  afterAll(async () => {
    await app?.dispose();
    if (before === undefined) delete process.env.GROUNDWORK_SECRET_KEY;
    else process.env.GROUNDWORK_SECRET_KEY = before;
  });

  /** Calls a sources route as the admin and keeps the response text for the final sweep. */
  async function call({
    rel,
    method,
    params = {},
    body,
  }: {
    rel: string;
    method: keyof Mod;
    params?: Record<string, string>;
    body?: unknown;
  }): Promise<{ status: number; json: Record<string, unknown> }> {
    const handler = (await api(rel))[method];
    if (!handler) throw new Error(`${method} /api/${rel} does not exist`);
    const res = await app.invoke({
      handler,
      method,
      path: `/api/${rel.replace(/\[(\w+)\]/g, (_, k: string) => params[k] ?? "")}`,
      params,
      session: ada,
      body,
    });
    const text = await res.text();
    seen.push({ what: `${method} /api/${rel}`, status: res.status, text });
    return { status: res.status, json: JSON.parse(text) as Record<string, unknown> };
  }

  it("keeps the secrets out of every response, page and audit row", async () => {
    const sql = await call({
      rel: "admin/sources",
      method: "POST",
      body: { name: "crm", kind: "sql", config: sqlConfig, defaultAcl: ["support"], schedule: "1h" },
    });
    expect(sql.status, JSON.stringify(sql.json)).toBe(201);
    const sqlSource = sql.json.source as { id: string; secretFields: string[]; config: Record<string, unknown> };
    expect(sqlSource.secretFields).toEqual(["password"]);
    expect(sqlSource.config).not.toHaveProperty("password");

    const web = await call({
      rel: "admin/sources",
      method: "POST",
      body: { name: "intranet", kind: "web", config: { url: "http://127.0.0.1:9/", authHeader: AUTH_HEADER } },
    });
    expect(web.status, JSON.stringify(web.json)).toBe(201);
    const webSource = web.json.source as { id: string; secretFields: string[] };
    expect(webSource.secretFields).toEqual(["authHeader"]);

    // The database has them, encrypted.
    const rows = await app.db.select({ secrets: sources.secrets }).from(sources);
    expect(rows.some((r) => r.secrets)).toBe(true);
    for (const canary of CANARIES) expect(JSON.stringify(rows)).not.toContain(canary);

    const list = await call({ rel: "admin/sources", method: "GET" });
    expect(list.status).toBe(200);
    expect((list.json.sources as { name: string }[]).map((s) => s.name).sort()).toEqual(["crm", "intranet"]);
    for (const id of [sqlSource.id, webSource.id])
      expect((await call({ rel: "admin/sources/[id]", method: "GET", params: { id } })).status).toBe(200);
    expect((await call({ rel: "admin/source-kinds", method: "GET" })).status).toBe(200);

    // An edit that leaves the password out keeps it.
    const edit = await call({
      rel: "admin/sources/[id]",
      method: "PATCH",
      params: { id: sqlSource.id },
      body: { config: { query: "select id, subject, body from tickets where open" }, schedule: "30m" },
    });
    expect(edit.status, JSON.stringify(edit.json)).toBe(200);
    expect((edit.json.source as { secretFields: string[] }).secretFields).toEqual(["password"]);

    for (const id of [sqlSource.id, webSource.id]) {
      const check = await call({ rel: "admin/sources/[id]/check", method: "POST", params: { id } });
      expect(check.status).toBe(200);
      expect(check.json.ok, "a loopback address is refused by the network guard").toBe(false);
      expect(String(check.json.error)).not.toBe("");
    }
    const unsaved = await call({
      rel: "admin/sources/check",
      method: "POST",
      body: { kind: "sql", config: sqlConfig },
    });
    expect(unsaved.status).toBe(200);
    expect(unsaved.json.ok).toBe(false);
    const lent = await call({
      rel: "admin/sources/check",
      method: "POST",
      body: { kind: "web", config: { url: "http://127.0.0.1:9/" }, source: webSource.id },
    });
    expect(lent.status).toBe(200);
    expect(lent.json.ok).toBe(false);

    // A password pasted into the DSN is moved to the secrets, not stored in the clear.
    const pasted = await call({
      rel: "admin/sources",
      method: "POST",
      body: { name: "pasted", kind: "sql", config: { ...sqlConfig, url: `postgres://reader:${PASSWORD}@db/crm` } },
    });
    expect(pasted.status, JSON.stringify(pasted.json)).toBe(201);
    expect(pasted.json.source).toMatchObject({
      secretFields: ["password"],
      config: { url: "postgres://reader@db/crm" },
    });
    // Refused settings that carry a secret: a 400 naming the field, and an audit row naming only settings.
    const { idColumn: _missing, ...noId } = sqlConfig;
    const refused = await call({
      rel: "admin/sources",
      method: "POST",
      body: { name: "refused", kind: "sql", config: noId },
    });
    expect(refused.status).toBe(400);
    expect((refused.json.error as { message: string }).message).toMatch(/idColumn/);

    expect((await call({ rel: "admin/sources/[id]/pause", method: "POST", params: { id: webSource.id } })).status).toBe(
      200,
    );
    expect(
      (await call({ rel: "admin/sources/[id]/resume", method: "POST", params: { id: webSource.id } })).status,
    ).toBe(200);
    const run = await call({ rel: "admin/sources/[id]/runs", method: "POST", params: { id: sqlSource.id }, body: {} });
    expect(run.status, JSON.stringify(run.json)).toBe(202);

    // What the pages hand to the browser: every prop of their element trees, the client components' included.
    const pages = [
      await renderPage({
        file: pageFile("admin/sources"),
        session: ada,
        searchParams: { add: "sql" },
        scope: withRequestScope,
      }),
      await renderPage({
        file: pageFile("admin/sources/[id]"),
        session: ada,
        params: { id: sqlSource.id },
        scope: withRequestScope,
      }),
      await renderPage({
        file: pageFile("admin/sources/[id]"),
        session: ada,
        params: { id: webSource.id },
        scope: withRequestScope,
      }),
    ];
    for (const page of pages) {
      expect(page.outcome).toBe("rendered");
      expect(page.text, "the page shows which secret is set").toMatch(/"secretFields":\["(password|authHeader)"\]/);
      for (const canary of CANARIES) expect(page.text).not.toContain(canary);
    }

    const deleted = await call({ rel: "admin/sources/[id]", method: "DELETE", params: { id: webSource.id } });
    expect(deleted.status, JSON.stringify(deleted.json)).toBe(200);
    expect(deleted.json).toEqual({ deleted: true, documents: 0 });

    for (const r of seen)
      for (const canary of CANARIES) expect(r.text, `${r.what} → ${r.status}`).not.toContain(canary);

    const audit = await app.db.select().from(auditEvents);
    const actions = new Set(audit.map((e) => e.action));
    for (const action of [
      "source.create",
      "source.update",
      "source.check",
      "source.pause",
      "source.resume",
      "source.run",
      "source.delete",
    ])
      expect(actions, action).toContain(action);
    const created = audit.find((e) => e.action === "source.create" && e.target === sqlSource.id);
    expect(created?.detail).toMatchObject({ secretFields: ["password"], settings: expect.arrayContaining(["url"]) });
    const invalid = audit.find((e) => e.action === "source.create" && e.outcome === "invalid");
    expect(invalid?.detail, "the refused create is audited, by setting names").toMatchObject({
      name: "refused",
      settings: expect.arrayContaining(["password", "url"]),
    });
    for (const canary of CANARIES) expect(JSON.stringify(audit)).not.toContain(canary);
  });

  it("answers bad input with a 400 and the reason, never a 500", async () => {
    const cases: { rel: string; method: keyof Mod; params?: Record<string, string>; body?: unknown; says: RegExp }[] = [
      { rel: "admin/sources", method: "POST", body: { name: "x", kind: "ftp" }, says: /Unknown source kind ftp/ },
      {
        rel: "admin/sources",
        method: "POST",
        body: { name: "Bad Name", kind: "web", config: { url: "https://example.com/" } },
        says: /source name/,
      },
      {
        rel: "admin/sources",
        method: "POST",
        body: { name: "sched", kind: "web", config: { url: "https://example.com/" }, schedule: "every tuesday" },
        says: /./,
      },
      {
        rel: "admin/sources",
        method: "POST",
        body: { name: "noturl", kind: "web", config: { url: "ftp://example.com/" } },
        says: /url \(--url\)/,
      },
      {
        rel: "admin/sources",
        method: "POST",
        body: { name: "extra", kind: "web", config: { url: "https://example.com/", colour: "red" } },
        says: /Unknown setting: colour/,
      },
      { rel: "admin/sources/check", method: "POST", body: { kind: "nope", config: {} }, says: /Unknown source kind/ },
    ];
    const made = await call({
      rel: "admin/sources",
      method: "POST",
      body: { name: "docs-site", kind: "web", config: { url: "https://docs.example.com/" }, schedule: null },
    });
    expect(made.status, JSON.stringify(made.json)).toBe(201);
    const id = (made.json.source as { id: string; schedule: string | null }).id;
    expect((made.json.source as { schedule: string | null }).schedule, "null means manual runs only").toBeNull();
    cases.push(
      { rel: "admin/sources/[id]", method: "PATCH", params: { id }, body: { paused: true }, says: /paused/ },
      {
        rel: "admin/sources/[id]",
        method: "PATCH",
        params: { id },
        body: { config: { maxPages: -3 } },
        says: /maxPages \(--max-pages\)/,
      },
      { rel: "admin/sources/[id]/runs", method: "POST", params: { id }, body: { mode: "everything" }, says: /mode/ },
    );
    for (const c of cases) {
      const r = await call(c);
      const where = `${c.method} ${c.rel} ${JSON.stringify(c.body)} → ${r.status} ${JSON.stringify(r.json)}`;
      expect(r.status, where).toBe(400);
      expect((r.json.error as { message: string }).message, where).toMatch(c.says);
    }
    const missing = await call({
      rel: "admin/sources/[id]",
      method: "GET",
      params: { id: "00000000-0000-4000-8000-00000000beef" },
    });
    expect(missing.status).toBe(404);
  });
});
