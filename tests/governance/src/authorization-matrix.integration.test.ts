import path from "node:path";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCESS_POLICIES, admits as admitsRole, type AccessPolicy } from "@groundwork/access/policy";
import { startWorkerHeartbeat } from "@groundwork/worker";
import { eq } from "drizzle-orm";
import { auditEvents, conversations, documents, ingestionRuns, messages, sources, users } from "@groundwork/db/schema";
import { availableTargets } from "@groundwork/db/testing";
import { startAppHarness, withRequestScope, type AppHarness, type Persona, type Session } from "./harness/app-harness";
import { HTTP_METHODS, fillPattern, listPageFiles, listRouteFiles, paramsOf, webDir } from "./harness/route-tree";

const pagePoliciesFile = path.join(webDir, "lib/server/auth/page-policies.ts");

/**
 * Every route handler and page of apps/web, against anonymous, employee, support and admin.
 * The expected outcome comes from the policy the route declares, read through the one policy
 * table the route wrapper and the page gate use (@groundwork/access/policy; its own test pins
 * what each policy admits); routes under admin paths must declare `admin`; a route or page
 * without a declared policy fails.
 */
type Policy = AccessPolicy;
const POLICIES: readonly string[] = ACCESS_POLICIES;
const MATRIX_PERSONAS = ["anonymous", "employee", "support", "admin"] as const satisfies readonly Persona[];

function admits(policy: Policy, persona: (typeof MATRIX_PERSONAS)[number]): boolean {
  return admitsRole({ policy, role: persona === "anonymous" ? null : persona });
}

/** Paths whose policy is not the route author's choice. */
function requiredPolicy(pattern: string): Policy | null {
  if (/^\/(api\/)?admin(\/|$)/.test(pattern) || /^\/api\/audit(\/|$)/.test(pattern)) return "admin";
  return null;
}

const routes = listRouteFiles();
const pages = listPageFiles();

describe("route tree", () => {
  it("finds the app's routes and pages", () => {
    expect(routes.map((r) => r.pattern)).toEqual(
      expect.arrayContaining([
        "/api/health",
        "/api/ready",
        "/api/audit",
        "/api/audit/export",
        // The connectors console: admin-only by their path (requiredPolicy), checked below like every route.
        "/api/admin/sources",
        "/api/admin/sources/[id]",
        "/api/admin/sources/[id]/check",
        "/api/admin/sources/[id]/pause",
        "/api/admin/sources/[id]/resume",
        "/api/admin/sources/[id]/runs",
        "/api/admin/sources/check",
        "/api/admin/source-kinds",
        // The admin lifecycle: deletes of documents and groups.
        "/api/admin/documents/[id]",
        "/api/admin/groups/[id]",
        // Feedback triage and its golden-set export.
        "/api/admin/feedback/[id]",
        "/api/admin/feedback/export",
      ]),
    );
    expect(pages.map((p) => p.pattern)).toEqual(
      expect.arrayContaining([
        "/admin/sources",
        "/admin/sources/[id]",
        "/admin/groups/[id]",
        "/admin/conversations/[id]",
      ]),
    );
    expect(pages.length).toBeGreaterThan(0);
  });

  it.each(routes.map((r) => [r.pattern, r.file] as const))(
    "%s declares a policy on every exported method",
    async (pattern, file) => {
      const mod = (await import(file)) as Record<string, unknown>;
      const methods = HTTP_METHODS.filter((m) => typeof mod[m] === "function");
      expect(methods.length, `${pattern} exports no HTTP method`).toBeGreaterThan(0);
      for (const m of methods) {
        const policy = (mod[m] as { policy?: unknown }).policy;
        expect(POLICIES, `${m} ${pattern} has no declared policy (wrap it in route())`).toContain(policy);
        const required = requiredPolicy(pattern);
        if (required) expect(policy, `${m} ${pattern} must be ${required}-only`).toBe(required);
      }
    },
  );

  it.each(pages.map((p) => [p.pattern] as const))("page %s has an entry in PAGE_POLICIES", async (pattern) => {
    const { PAGE_POLICIES } = (await import(pagePoliciesFile)) as { PAGE_POLICIES: Record<string, string> };
    expect(POLICIES, `page ${pattern} has no declared policy in apps/web/lib/server/auth/page-policies.ts`).toContain(
      PAGE_POLICIES[pattern],
    );
    const required = requiredPolicy(pattern);
    if (required) expect(PAGE_POLICIES[pattern]).toBe(required);
  });
});

describe.each(await availableTargets())("authorization matrix on %s", (target) => {
  let app: AppHarness;
  let heartbeat: ReturnType<typeof startWorkerHeartbeat> | undefined;
  const fixtures: Record<string, string> = {};

  beforeAll(async () => {
    app = await startAppHarness({ target });
    // As in the product, a worker is alive, so /api/ready answers 200 here.
    heartbeat = startWorkerHeartbeat({ db: app.db, kind: "ingest" });
    await heartbeat.beat();
    const [src] = await app.db
      .insert(sources)
      .values({ name: "matrix", kind: "folder", config: { path: "/nonexistent" }, defaultAcl: ["group:everyone"] })
      .returning();
    const [doc] = await app.db
      .insert(documents)
      .values({
        sourceId: src!.id,
        path: "matrix.md",
        title: "Matrix doc",
        mime: "text/markdown",
        contentHash: "x",
        acl: ["group:everyone"],
        normalizedText: "Matrix doc body.",
      })
      .returning();
    const [run] = await app.db
      .insert(ingestionRuns)
      .values({ sourceId: src!.id, trigger: "cli", status: "succeeded" })
      .returning();
    const [owner] = await app.db
      .insert(users)
      .values({ username: "matrix-owner", displayName: "Matrix owner" })
      .returning();
    const [conv] = await app.db.insert(conversations).values({ userId: owner!.id, title: "Matrix chat" }).returning();
    Object.assign(fixtures, { documentId: doc!.id, sourceId: src!.id, runId: run!.id, conversationId: conv!.id });
  });
  afterAll(async () => {
    await heartbeat?.stop();
    await app?.dispose();
  });

  const cases = routes.flatMap((r) => MATRIX_PERSONAS.map((persona) => [r.pattern, persona, r.file] as const));

  it.each(cases)("%s as %s", async (pattern, persona, file) => {
    const mod = (await import(file)) as Record<
      string,
      ((req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
        policy?: Policy;
        token?: { only?: boolean };
      }
    >;
    for (const method of HTTP_METHODS.filter((m) => typeof mod[m] === "function")) {
      const handler = mod[method]!;
      const policy = handler.policy as Policy;
      // Random ids for API params: an allowed caller must get past the gate, never act on fixtures.
      const params = Object.fromEntries(
        paramsOf(pattern).map((p) => [p.name, p.catchAll ? ["session"] : randomUUID()]),
      );
      const session: Session | null = await app.sessionFor(persona);
      const res = await app.invoke({
        handler,
        method,
        path: fillPattern(pattern, params),
        params,
        session,
        body: method === "GET" || method === "HEAD" ? undefined : {},
      });
      const text = method === "HEAD" ? "" : await res.text();
      const where = `${method} ${pattern} as ${persona} (policy ${policy}) → ${res.status} ${text.slice(0, 200)}`;
      if (handler.token?.only) {
        // Token-only APIs (OpenAI, MCP, push): a session cookie grants nothing, whoever holds it;
        // what a token may do there is each API's own suite (token scopes per route).
        expect(res.status, where).toBe(401);
        expect(text, where).toMatch(/API token|Bearer/);
      } else if (admits(policy, persona)) {
        expect(res.status, where).not.toBe(401);
        // Handlers may 403 for resource reasons; the route-level refusal has this message.
        if (res.status === 403) expect(text, where).not.toContain("You don't have access to this.");
        expect(res.status, where).toBeLessThan(500);
      } else {
        expect(res.status, where).toBe(persona === "anonymous" ? 401 : 403);
        expect(JSON.parse(text), where).toMatchObject({
          error: { code: persona === "anonymous" ? "unauthorized" : "forbidden" },
        });
      }
    }
  });

  const pageCases = pages.flatMap((p) => MATRIX_PERSONAS.map((persona) => [p.pattern, persona, p.file] as const));

  it.each(pageCases)("page %s as %s", async (pattern, persona, file) => {
    const { PAGE_POLICIES } = (await import(pagePoliciesFile)) as { PAGE_POLICIES: Record<string, Policy> };
    const policy = PAGE_POLICIES[pattern];
    expect(policy, `page ${pattern} has no policy`).toBeDefined();
    const mod = (await import(file)) as { default: (props: unknown) => unknown };
    const params = Object.fromEntries(
      paramsOf(pattern).map((p) => [
        p.name,
        pattern.includes("/runs/")
          ? fixtures.runId!
          : pattern.includes("/conversations/")
            ? fixtures.conversationId!
            : pattern.includes("/sources/")
              ? fixtures.sourceId!
              : pattern.includes("/groups/")
                ? "hr"
                : fixtures.documentId!,
      ]),
    );
    const session = await app.sessionFor(persona);
    let outcome: "rendered" | "sign-in" | "not-found" | "redirect" = "rendered";
    try {
      await withRequestScope({
        session,
        fn: async () => mod.default({ params: Promise.resolve(params), searchParams: Promise.resolve({}) }),
      });
    } catch (error) {
      const digest = String((error as { digest?: string }).digest ?? "");
      if (digest.startsWith("NEXT_REDIRECT")) outcome = digest.includes("/sign-in") ? "sign-in" : "redirect";
      else if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;403"))
        outcome = "not-found";
      else if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;401")) outcome = "sign-in";
      else throw error;
    }
    const where = `page ${pattern} as ${persona} (policy ${policy}) → ${outcome}`;
    if (admits(policy!, persona)) expect(["rendered", "redirect"], where).toContain(outcome);
    else expect(outcome, where).toBe(persona === "anonymous" ? "sign-in" : "not-found");
  });
});

// Conversations are per user: the matrix above proves any signed-in user gets past the gate, this
// proves what lies behind it is only ever their own — another user's id is the same 404 as a
// missing one for read, rename and delete, and their history search never reaches it.
describe.each(await availableTargets())("conversation ownership on %s", (target) => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await startAppHarness({ target });
  });
  afterAll(async () => {
    await app?.dispose();
  });

  it("a user can never see, search, rename or delete another user's conversation", async () => {
    const conversationsRoute = await import(path.join(webDir, "app/api/conversations/route.ts"));
    const oneRoute = await import(path.join(webDir, "app/api/conversations/[id]/route.ts"));
    const emma = await app.signIn("employee");
    const sam = await app.signIn("support");
    const [conv] = await app.db
      .insert(conversations)
      .values({ userId: emma.principal.userId, title: "Parental leave question" })
      .returning();
    await app.db
      .insert(messages)
      .values({ conversationId: conv!.id, role: "user", content: "how long is parental leave" });
    const id = conv!.id;
    const params = { id };
    const at = `/api/conversations/${id}`;

    for (const [method, body] of [["GET"], ["PATCH", { title: "Mine now" }], ["DELETE"]] as const) {
      const res = await app.invoke({ handler: oneRoute[method], method, path: at, params, session: sam, body });
      expect(res.status, `${method} as another user`).toBe(404);
    }
    const missing = await app.invoke({
      handler: oneRoute.PATCH,
      method: "PATCH",
      path: `/api/conversations/${randomUUID()}`,
      params: { id: randomUUID() },
      session: sam,
      body: { title: "x" },
    });
    expect(missing.status).toBe(404);
    for (const q of ["parental", "leave"]) {
      const list = await app.invoke({
        handler: conversationsRoute.GET,
        path: `/api/conversations?q=${q}`,
        session: sam,
      });
      expect(((await list.json()) as { conversations: unknown[] }).conversations).toEqual([]);
    }
    // Still emma's, untouched, and hers to find, rename and delete.
    const [still] = await app.db.select().from(conversations).where(eq(conversations.id, id));
    expect(still!.title).toBe("Parental leave question");
    const found = await app.invoke({
      handler: conversationsRoute.GET,
      path: "/api/conversations?q=PARENTAL",
      session: emma,
    });
    expect(((await found.json()) as { conversations: Array<{ id: string }> }).conversations.map((c) => c.id)).toEqual([
      id,
    ]);
    const renamed = await app.invoke({
      handler: oneRoute.PATCH,
      method: "PATCH",
      path: at,
      params,
      session: emma,
      body: { title: "  Leave   notes " },
    });
    expect(((await renamed.json()) as { title: string }).title).toBe("Leave notes");
    const deleted = await app.invoke({ handler: oneRoute.DELETE, method: "DELETE", path: at, params, session: emma });
    expect(await deleted.json()).toEqual({ ok: true, messages: 1 });
    expect(await app.db.select().from(conversations).where(eq(conversations.id, id))).toEqual([]);

    const rows = await app.db
      .select({ action: auditEvents.action, outcome: auditEvents.outcome, actor: auditEvents.actorId })
      .from(auditEvents)
      .where(eq(auditEvents.target, id));
    expect(rows).toEqual(
      expect.arrayContaining([
        { action: "conversation.rename", outcome: "not_found", actor: sam.principal.userId },
        { action: "conversation.delete", outcome: "not_found", actor: sam.principal.userId },
        { action: "conversation.rename", outcome: "ok", actor: emma.principal.userId },
        { action: "conversation.delete", outcome: "ok", actor: emma.principal.userId },
      ]),
    );
  });
});
