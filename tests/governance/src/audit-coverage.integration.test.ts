import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, conversations, feedback, messages, users, type AuditEvent } from "@groundwork/db/schema";
import { availableTargets } from "@groundwork/db/testing";
import { startAppHarness, withRequestScope, type AppHarness, type Session } from "./harness/app-harness";
import { ingestCanaryCorpus, type CanaryCorpus } from "./harness/fixtures";
import { webDir } from "./harness/route-tree";

/**
 * Every search, chat, document view and admin change leaves an audit row saying who, when,
 * what, with which outcome — driven through the real route handlers and pages.
 */
type Handler = ((req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  policy: string;
};
type Mod = Partial<Record<"GET" | "POST" | "PATCH" | "DELETE", Handler>>;
const api = async (rel: string) => (await import(path.join(webDir, "app/api", rel, "route.ts"))) as Mod;

async function eventsFor(app: AppHarness, requestId: string | null): Promise<AuditEvent[]> {
  if (!requestId) return [];
  return app.db.select().from(auditEvents).where(eq(auditEvents.requestId, requestId));
}

describe.each(await availableTargets())("audit coverage on %s", (target) => {
  let app: AppHarness;
  let corpus: CanaryCorpus;
  let ada: Session;
  let emma: Session;
  const uploadRoot = fs.mkdtempSync(path.join(os.tmpdir(), "gw-audit-up-"));

  beforeAll(async () => {
    app = await startAppHarness({ target });
    corpus = await ingestCanaryCorpus({ db: app.db });
    ada = await app.signIn("admin");
    emma = await app.signIn("employee");
  });
  afterAll(async () => {
    await app?.dispose();
    corpus?.dispose();
    fs.rmSync(uploadRoot, { recursive: true, force: true });
  });

  /** Calls a route as `session` and returns the audit rows written under its request id. */
  async function act({
    rel,
    method,
    session = ada,
    body,
    params = {},
    pathname,
  }: {
    rel: string;
    method: keyof Mod;
    session?: Session;
    body?: unknown;
    params?: Record<string, string>;
    pathname?: string;
  }) {
    const handler = (await api(rel))[method];
    if (!handler) throw new Error(`${method} /api/${rel} does not exist`);
    const res = await app.invoke({
      handler,
      method,
      path: pathname ?? `/api/${rel.replace(/\[(\w+)\]/g, (_, k: string) => params[k] ?? "")}`,
      params,
      session,
      body,
    });
    const text = await res.text();
    const events = await eventsFor(app, res.headers.get("x-request-id"));
    return { status: res.status, text, events };
  }

  function expectEvent(events: AuditEvent[], action: string, fields: Partial<AuditEvent> = {}) {
    const e = events.find((x) => x.action === action);
    expect(e, `an audit row "${action}" (got ${events.map((x) => x.action).join(", ") || "none"})`).toBeDefined();
    expect(e!.at.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(e!.latencyMs, `latency of "${action}"`).not.toBeNull();
    expect(e!.latencyMs).toBeGreaterThanOrEqual(0);
    expect(e).toMatchObject(fields);
    return e!;
  }

  it("admin changes: sources, groups, users, ACLs, uploads, runs", async () => {
    const src = await act({
      rel: "admin/sources",
      method: "POST",
      body: { name: "audited-uploads", kind: "upload", path: uploadRoot, defaultAcl: ["hr"] },
    });
    expect(src.status).toBe(201);
    expectEvent(src.events, "source.create", { actorUsername: "ada", actorId: ada.principal.userId, outcome: "ok" });

    const group = await act({ rel: "admin/groups", method: "POST", body: { name: "auditors", description: "x" } });
    expect(group.status).toBeLessThan(300);
    expectEvent(group.events, "group.create", { actorUsername: "ada" });

    const user = await act({
      rel: "admin/users",
      method: "POST",
      body: {
        username: "newbie",
        displayName: "New Bie",
        role: "employee",
        password: "long-enough-password",
        groups: ["auditors"],
      },
    });
    expect(user.status).toBe(201);
    const created = expectEvent(user.events, "user.create", { actorUsername: "ada" });
    expect(JSON.stringify(created.detail)).not.toContain("long-enough-password");

    const [newbie] = await app.db.select({ id: users.id }).from(users).where(eq(users.username, "newbie"));
    const upd = await act({
      rel: "admin/users/[id]",
      method: "PATCH",
      params: { id: newbie!.id },
      body: { role: "support", password: "another-long-password" },
    });
    expect(upd.status).toBe(200);
    const updated = expectEvent(upd.events, "user.update", { target: newbie!.id });
    expect(JSON.stringify(updated.detail)).not.toContain("another-long-password");

    const acl = await act({
      rel: "admin/documents/[id]",
      method: "PATCH",
      params: { id: corpus.docIds.public },
      body: { acl: ["everyone", "hr"] },
    });
    expect(acl.status).toBe(200);
    const aclRow = expectEvent(acl.events, "acl.update", { target: corpus.docIds.public });
    // Both values: what the document was readable by, and what it is now.
    expect(aclRow.detail).toMatchObject({ before: expect.any(Array), acl: ["group:everyone", "group:hr"] });
    expect((aclRow.detail as { before: string[] }).before).not.toEqual(["group:everyone", "group:hr"]);

    const form = new FormData();
    form.set("source", "audited-uploads");
    form.set("acl", "hr");
    form.append("files", new Blob(["# Uploaded\n\nA document."]), "uploaded.md");
    const up = await act({ rel: "admin/uploads", method: "POST", body: form });
    expect(up.status).toBe(201);
    expectEvent(up.events, "upload.store", { target: "audited-uploads" });

    const run = await act({ rel: "admin/runs", method: "POST", body: { source: "audited-uploads" } });
    expect(run.status).toBeLessThan(300);
    const requested = expectEvent(run.events, "run.request");
    const cancel = await act({ rel: "admin/runs/[id]/cancel", method: "POST", params: { id: requested.target! } });
    expect(cancel.status).toBe(200);
    expectEvent(cancel.events, "run.cancel", { target: requested.target });
  });

  it("failed admin changes are audited with outcome, error code and latency", async () => {
    const dup = await act({ rel: "admin/groups", method: "POST", body: { name: "dup-group", description: "" } });
    expect(dup.status).toBeLessThan(300);
    const again = await act({ rel: "admin/groups", method: "POST", body: { name: "dup-group", description: "" } });
    expect(again.status).toBe(409);
    expectEvent(again.events, "group.create", {
      actorUsername: "ada",
      outcome: "error",
      detail: { name: "dup-group", code: "conflict" },
    });

    const bad = await act({
      rel: "admin/users/[id]",
      method: "PATCH",
      params: { id: emma.principal.userId },
      body: { role: "overlord", password: "CANARY-PASSWORD-123" },
    });
    expect(bad.status).toBe(400);
    const invalid = expectEvent(bad.events, "user.update", {
      target: emma.principal.userId,
      outcome: "invalid",
      detail: { code: "bad_request" },
    });
    expect(JSON.stringify(invalid)).not.toContain("CANARY-PASSWORD-123");

    const self = await act({
      rel: "admin/users/[id]",
      method: "PATCH",
      params: { id: ada.principal.userId },
      body: { disabled: true },
    });
    expect(self.status).toBe(400);
    expectEvent(self.events, "user.update", {
      target: ada.principal.userId,
      outcome: "invalid",
      detail: { disabled: true, code: "bad_request" },
    });

    const missingRun = await act({
      rel: "admin/runs/[id]/cancel",
      method: "POST",
      params: { id: "00000000-0000-4000-8000-00000000dead" },
    });
    expect(missingRun.status).toBeGreaterThanOrEqual(400);
    const cancel = expectEvent(missingRun.events, "run.cancel", { target: "00000000-0000-4000-8000-00000000dead" });
    expect(cancel.outcome).not.toBe("ok");
    expect((cancel.detail as { code?: string }).code).toBeTruthy();

    const acl = await act({
      rel: "admin/documents/[id]",
      method: "PATCH",
      params: { id: corpus.docIds.public },
      body: { acl: "everyone" },
    });
    expect(acl.status).toBe(400);
    expectEvent(acl.events, "acl.update", { target: corpus.docIds.public, outcome: "invalid" });
  });

  it("refused attempts at admin routes are audited as denied", async () => {
    const r = await act({ rel: "admin/users", method: "GET", session: emma });
    expect(r.status).toBe(403);
    expectEvent(r.events, "access.denied", { actorUsername: "emma", outcome: "denied", target: "/api/admin/users" });
  });

  it("document views and downloads, allowed and denied", async () => {
    const ok = await act({
      rel: "documents/[id]/file",
      method: "GET",
      session: emma,
      params: { id: corpus.docIds.public },
    });
    expect(ok.status).toBe(200);
    expectEvent(ok.events, "document.download", { actorUsername: "emma", target: corpus.docIds.public, outcome: "ok" });
    const denied = await act({
      rel: "documents/[id]/file",
      method: "GET",
      session: emma,
      params: { id: corpus.docIds.hr },
    });
    expect(denied.status).toBe(404);
    expectEvent(denied.events, "document.download", { target: corpus.docIds.hr, outcome: "denied" });
    // Missing looks exactly like forbidden: same response, same outcome.
    const missingId = "00000000-0000-4000-8000-0000000000aa";
    const missing = await act({ rel: "documents/[id]/file", method: "GET", session: emma, params: { id: missingId } });
    expect(missing.status).toBe(404);
    expect(missing.text.replace(/"requestId":"[^"]+"/, "")).toBe(denied.text.replace(/"requestId":"[^"]+"/, ""));
    expectEvent(missing.events, "document.download", { target: missingId, outcome: "denied" });
    const junk = await act({ rel: "documents/[id]/file", method: "GET", session: emma, params: { id: "not-a-uuid" } });
    expect(junk.status).toBe(404);
    expectEvent(junk.events, "document.download", { target: "not-a-uuid", outcome: "denied" });

    const page = (await import(path.join(webDir, "app/(app)/documents/[id]/page.tsx"))) as {
      default: (p: unknown) => Promise<unknown>;
    };
    for (const [id, outcome] of [
      [corpus.docIds.public, "ok"],
      [corpus.docIds.hr, "denied"],
      ["00000000-0000-4000-8000-0000000000ab", "denied"],
      ["not-a-uuid", "denied"],
    ] as const) {
      await withRequestScope({
        session: emma,
        fn: () => page.default({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) }),
      }).catch(() => undefined);
      const rows = await app.db
        .select()
        .from(auditEvents)
        .where(
          and(
            eq(auditEvents.action, "document.view"),
            eq(auditEvents.target, id),
            eq(auditEvents.actorUsername, "emma"),
          ),
        );
      expect(
        rows.map((r) => r.outcome),
        `document.view of ${outcome} doc`,
      ).toContain(outcome);
      expect(rows[0]?.latencyMs).not.toBeNull();
    }
  });

  it("search: who, what was asked, which chunks came back, latency", async () => {
    const r = await act({ rel: "search", method: "POST", session: emma, body: { query: "annual leave carry over" } });
    expect(r.status).toBe(200);
    const results = (JSON.parse(r.text) as { results: { chunkId: string }[] }).results;
    expect(results.length).toBeGreaterThan(0);
    const e = expectEvent(r.events, "search", { actorUsername: "emma", actorId: emma.principal.userId, outcome: "ok" });
    expect(e.latencyMs).toBeGreaterThan(0);
    expect(JSON.stringify(e.detail)).toContain("annual leave carry over");
    const ids = JSON.stringify(e.detail);
    for (const c of results) expect(ids).toContain(c.chunkId);
  });

  it("chat: question, retrieved and cited chunks, model ids, latency, outcome", async () => {
    const r = await act({
      rel: "chat",
      method: "POST",
      session: emma,
      body: { question: "How many days of annual leave do employees get?" },
    });
    expect(r.status).toBe(200);
    const e = expectEvent(r.events, "chat", { actorUsername: "emma" });
    expect(["ok", "abstained"]).toContain(e.outcome);
    expect(e.latencyMs).toBeGreaterThan(0);
    const d = e.detail as {
      question?: string;
      retrievedChunkIds?: string[];
      citedChunkIds?: string[];
      models?: Record<string, unknown>;
    };
    expect(d.question).toBe("How many days of annual leave do employees get?");
    expect(d.retrievedChunkIds?.length).toBeGreaterThan(0);
    expect(Array.isArray(d.citedChunkIds)).toBe(true);
    for (const c of d.citedChunkIds ?? []) expect(d.retrievedChunkIds).toContain(c);
    expect(d.models && Object.keys(d.models).length).toBeGreaterThan(0);
    // The log line of this request carries ids, never the question (checked in route-wrapper tests).
    const denied = await act({ rel: "chat", method: "POST", session: emma, body: { question: "x".repeat(5000) } });
    expect(denied.status).toBe(400);
  });

  it("reading conversations is audited; someone else's is not_found, exactly like a missing one", async () => {
    const asked = await act({
      rel: "chat",
      method: "POST",
      session: emma,
      body: { question: "What is the travel policy?" },
    });
    expect(asked.status).toBe(200);
    const conversationId = expectEvent(asked.events, "chat").target!;
    expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);

    const list = await act({ rel: "conversations", method: "GET", session: emma });
    expect(list.status).toBe(200);
    const listed = expectEvent(list.events, "conversation.list", { actorUsername: "emma", outcome: "ok" });
    expect((listed.detail as { returned?: number }).returned).toBeGreaterThan(0);

    const own = await act({ rel: "conversations/[id]", method: "GET", session: emma, params: { id: conversationId } });
    expect(own.status).toBe(200);
    expectEvent(own.events, "conversation.view", { actorUsername: "emma", target: conversationId, outcome: "ok" });

    const harper = await app.signIn("hr");
    const foreign = await act({
      rel: "conversations/[id]",
      method: "GET",
      session: harper,
      params: { id: conversationId },
    });
    const missingId = "00000000-0000-4000-8000-0000000000ac";
    const missing = await act({ rel: "conversations/[id]", method: "GET", session: harper, params: { id: missingId } });
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    const strip = (t: string) => t.replace(/"requestId":"[^"]+"/, "");
    expect(strip(foreign.text)).toBe(strip(missing.text));
    expect(foreign.text).not.toContain("travel");
    const f = expectEvent(foreign.events, "conversation.view", {
      actorUsername: "harper",
      target: conversationId,
      outcome: "not_found",
      detail: { code: "not_found" },
    });
    const m = expectEvent(missing.events, "conversation.view", {
      actorUsername: "harper",
      target: missingId,
      outcome: "not_found",
    });
    // The row of a foreign conversation says no more than the row of a missing one.
    expect(f.detail).toEqual(m.detail);
  });

  it("feedback triage, its export and an admin reading someone's conversation are audited", async () => {
    const [conv] = await app.db
      .insert(conversations)
      .values({ userId: emma.principal.userId, title: "triage me" })
      .returning();
    await app.db.insert(messages).values({ conversationId: conv!.id, role: "user", content: "How much leave?" });
    const [answer] = await app.db
      .insert(messages)
      .values({ conversationId: conv!.id, role: "assistant", content: "**25 days**.", mode: "extractive" })
      .returning();
    const [fb] = await app.db
      .insert(feedback)
      .values({ messageId: answer!.id, userId: emma.principal.userId, rating: 1 })
      .returning();
    const marked = await act({
      rel: "admin/feedback/[id]",
      method: "PATCH",
      params: { id: fb!.id },
      body: { triage: "eval" },
    });
    expect(marked.status, marked.text).toBe(200);
    expectEvent(marked.events, "feedback.triage", {
      target: fb!.id,
      outcome: "ok",
      detail: { before: { triage: "new" }, after: { triage: "eval" } },
    });
    const missing = await act({
      rel: "admin/feedback/[id]",
      method: "PATCH",
      params: { id: "00000000-0000-4000-8000-0000000000fb" },
      body: { triage: "reviewed" },
    });
    expect(missing.status).toBe(404);
    expectEvent(missing.events, "feedback.triage", { outcome: "not_found" });
    const refused = await act({
      rel: "admin/feedback/[id]",
      method: "PATCH",
      session: emma,
      params: { id: fb!.id },
      body: { triage: "reviewed" },
    });
    expect(refused.status).toBe(403);

    const exported = await act({ rel: "admin/feedback/export", method: "GET" });
    expect(exported.status).toBe(200);
    const lines = exported.text
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toContainEqual(
      expect.objectContaining({
        id: `feedback-${fb!.id}`,
        question: "How much leave?",
        asUser: "emma",
        expect: "answer",
      }),
    );
    expectEvent(exported.events, "feedback.export", { outcome: "ok" });

    const page = (await import(path.join(webDir, "app/(app)/admin/conversations/[id]/page.tsx"))) as {
      default: (p: unknown) => Promise<unknown>;
    };
    for (const [id, outcome] of [
      [conv!.id, "ok"],
      ["00000000-0000-4000-8000-0000000000cc", "not_found"],
    ] as const) {
      await withRequestScope({
        session: ada,
        fn: () => page.default({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) }),
      }).catch(() => undefined);
      const rows = await app.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.action, "conversation.viewed_by_admin"), eq(auditEvents.target, id)));
      expect(rows.map((r) => [r.outcome, r.actorUsername])).toContainEqual([outcome, "ada"]);
    }
  });

  it("reading and exporting the audit log is itself audited", async () => {
    const view = await act({ rel: "audit", method: "GET", pathname: "/api/audit?action=document.*" });
    expect(view.status).toBe(200);
    expectEvent(view.events, "audit.view", { actorUsername: "ada" });
    const exp = await act({ rel: "audit/export", method: "GET", pathname: "/api/audit/export?format=json" });
    expect(exp.status).toBe(200);
    expect(Array.isArray(JSON.parse(exp.text))).toBe(true);
    expectEvent(exp.events, "audit.export", { actorUsername: "ada" });
  });
});
