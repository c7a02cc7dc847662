import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, documents, groups, ingestionRuns, sources } from "@groundwork/db/schema";
import { availableTargets } from "@groundwork/db/testing";
import { startAppHarness, type AppHarness, type Persona } from "./harness/app-harness";
import { CANARY, ingestCanaryCorpus, type CanaryCorpus } from "./harness/fixtures";
import { routeFile, searchAs } from "./harness/product-api";

type Handler = Parameters<AppHarness["invoke"]>[0]["handler"];
const documentRoute = (await import(routeFile("admin/documents/[id]"))) as { DELETE: Handler };
const groupRoute = (await import(routeFile("admin/groups/[id]"))) as { DELETE: Handler };
const sourceRoute = (await import(routeFile("admin/sources/[id]"))) as { DELETE: Handler };

const NON_ADMINS = ["anonymous", "employee", "hr", "legal", "support"] as const satisfies readonly Persona[];
const READERS = ["employee", "hr", "legal", "support", "admin"] as const satisfies readonly Persona[];

/**
 * The admin deletes through their routes: a non-admin gets the same answer whether the target
 * exists or not (and nothing changes); an admin's delete leaves search for every persona at once,
 * is audited with a readable target, and a source with a running run is a 409, never a 500.
 */
describe.each(await availableTargets())("admin lifecycle routes on %s", (target) => {
  let app: AppHarness;
  let corpus: CanaryCorpus;

  beforeAll(async () => {
    app = await startAppHarness({ target });
    corpus = await ingestCanaryCorpus({ db: app.db });
  });
  afterAll(async () => {
    corpus?.dispose();
    await app?.dispose();
  });

  const del = async (handler: Handler, path: string, id: string, persona: Persona) => {
    const res = await app.invoke({
      handler,
      method: "DELETE",
      path: `${path}/${id}`,
      params: { id },
      session: await app.sessionFor(persona),
    });
    return { status: res.status, body: await res.text() };
  };

  it.each(NON_ADMINS)("%s gets the same refusal for an existing and a missing target", async (persona) => {
    const [legal] = await app.db.select({ id: groups.id }).from(groups).where(eq(groups.name, "legal"));
    for (const [handler, path, existing] of [
      [documentRoute.DELETE, "/api/admin/documents", corpus.docIds.public],
      [groupRoute.DELETE, "/api/admin/groups", legal!.id],
    ] as const) {
      const real = await del(handler, path, existing, persona);
      const missing = await del(handler, path, randomUUID(), persona);
      expect(real.status).toBe(persona === "anonymous" ? 401 : 403);
      // Request ids differ per request; everything else must be byte for byte the same.
      const uuids = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
      expect(real.body.replace(uuids, "ID")).toBe(missing.body.replace(uuids, "ID"));
    }
    const [doc] = await app.db.select().from(documents).where(eq(documents.id, corpus.docIds.public));
    expect(doc?.status).toBe("active");
  });

  it("an admin deletes a document: no persona's search finds it, the audit names it", async () => {
    for (const persona of ["hr", "admin"] as const)
      expect((await searchAs({ app, session: await app.sessionFor(persona), query: CANARY.hr })).text).toContain(
        CANARY.hr,
      );
    const res = await del(documentRoute.DELETE, "/api/admin/documents", corpus.docIds.hr, "admin");
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ deleted: true, title: `Severance terms ${CANARY.hr}`, versions: 1 });
    for (const persona of READERS) {
      const r = await searchAs({ app, session: await app.sessionFor(persona), query: CANARY.hr });
      expect(r.status, persona).toBe(200);
      expect(r.text, persona).not.toContain(`multiplier for the hr review`);
    }
    const [row] = await app.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "document.delete"), eq(auditEvents.target, corpus.docIds.hr)));
    expect(row).toMatchObject({ outcome: "ok", detail: expect.objectContaining({ path: "hr-only/canary-hr.md" }) });
    expect((await del(documentRoute.DELETE, "/api/admin/documents", corpus.docIds.hr, "admin")).status).toBe(404);
  });

  it("an admin deletes a group: its members lose access, its only documents become admin-only", async () => {
    const lena = await app.sessionFor("legal");
    expect((await searchAs({ app, session: lena, query: CANARY.legal })).text).toContain("legal review");
    const res = await del(groupRoute.DELETE, "/api/admin/groups", "legal", "admin");
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ deleted: true, name: "legal", documents: 1, adminOnly: 1 });
    expect((await searchAs({ app, session: lena, query: CANARY.legal })).text).not.toContain("legal review");
    const [doc] = await app.db.select().from(documents).where(eq(documents.id, corpus.docIds.legal));
    expect(doc?.acl).toEqual([]);
    const [row] = await app.db.select().from(auditEvents).where(eq(auditEvents.action, "group.delete"));
    expect(row?.detail).toMatchObject({ name: "legal", adminOnly: 1 });
  });

  it("deleting a source with a running run is a 409 with a reason, and nothing goes", async () => {
    const [src] = await app.db.select().from(sources).where(eq(sources.name, "governance"));
    const [run] = await app.db
      .insert(ingestionRuns)
      .values({ sourceId: src!.id, trigger: "cli", status: "running" })
      .returning();
    const res = await del(sourceRoute.DELETE, "/api/admin/sources", src!.id, "admin");
    expect(res.status).toBe(409);
    expect(res.body).toContain("cancel it first");
    expect((await searchAs({ app, session: await app.sessionFor("employee"), query: "annual leave" })).text).toContain(
      "Annual leave policy",
    );
    await app.db.update(ingestionRuns).set({ status: "cancelled" }).where(eq(ingestionRuns.id, run!.id));
  });
});
