import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { documents } from "@groundwork/db/schema";
import { availableTargets } from "@groundwork/db/testing";
import { deleteSource, findSource } from "@groundwork/ingest";
import {
  sqlTestDialects,
  startGraphServer,
  startS3Server,
  startZendeskServer,
  type TestGraphServer,
  type TestS3Server,
  type ZendeskServer,
} from "@groundwork/ingest/testing";
import { PERSONAS, startAppHarness, type AppHarness, type Persona, type Session } from "./harness/app-harness";
import {
  gitCorpus,
  s3Corpus,
  sharepointCorpus,
  sqlCorpus,
  webCorpus,
  zendeskCorpus,
  type ConnectorCanary,
  type ConnectorCorpus,
} from "./harness/connector-corpora";
import { LEAK_PERSONAS, SIGNED_IN, mayRead, sweepSurfaces, type Canary, type SurfaceSeen } from "./harness/leak-probes";
import { searchAs } from "./harness/product-api";
import { webDir } from "./harness/route-tree";

/**
 * The leak suite over each connector's documents: canaries restricted the way each source
 * expresses access (web default ACLs, Git and S3 `.access.yaml`, an SQL ACL column), probed
 * through every surface as every persona; then access changed at the source, and a source
 * deleted, and probed again. A canary may reach only its readers and admins, in no field.
 * SharePoint and Zendesk Guide canaries are readable through mirrored groups (Graph groups,
 * Guide segments) matched to the personas by verified e-mail. For every persona and canary the
 * admin's "why can this user see this?" (GET /api/admin/documents/{id}/access) must agree with
 * what search returned, before and after the revocation.
 */
type Handler = ((req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  policy: string;
};
const dialects = await sqlTestDialects();

const queries = (c: Canary) => {
  const k = c as ConnectorCanary;
  return [k.token, `confidential severance multiplier for the ${k.kind} ${k.section} review`];
};
const questions = (c: Canary) => [`What is the severance multiplier ${(c as ConnectorCanary).token}?`];

function expectSeenExactly({
  seen,
  canaries,
  surface,
}: {
  seen: SurfaceSeen;
  canaries: Canary[];
  surface: "search" | "viewer";
}) {
  for (const persona of SIGNED_IN) {
    const want = canaries.filter((c) => mayRead(persona, c)).map((c) => c.name);
    // Generic queries find other sources' canaries too: only these canaries are compared.
    const got = [...(seen[surface].get(persona) ?? [])].filter((n) => canaries.some((c) => c.name === n));
    expect(got.sort(), `${surface} as ${persona}`).toEqual(want.sort());
  }
}

describe.each(await availableTargets())("connector leak suite on %s", (target) => {
  let app: AppHarness;
  let s3: TestS3Server;
  let graph: TestGraphServer;
  let zendesk: ZendeskServer;
  let explainRoute: Handler;
  const corpora: ConnectorCorpus[] = [];
  const sessions = new Map<Persona, Session | null>();
  const conversations = new Map<Persona, { id: string; question: string }[]>();
  const docIds = new Map<string, string>();
  let canaries: ConnectorCanary[] = [];

  beforeAll(async () => {
    // The fixtures' servers listen on loopback, which connectors refuse unless allowed.
    vi.stubEnv("GROUNDWORK_CONNECTOR_ALLOW_HOSTS", "127.0.0.1,localhost");
    // S3 credentials are stored encrypted; a key in the environment, not a key file in the data dir.
    vi.stubEnv("GROUNDWORK_SECRET_KEY", "a".repeat(64));
    // One chat and two searches per canary and persona, per pass: more than a person's per-minute budget.
    vi.stubEnv("GROUNDWORK_RATE_LIMIT_CHAT_PER_MINUTE", "0");
    vi.stubEnv("GROUNDWORK_RATE_LIMIT_SEARCH_PER_MINUTE", "0");
    app = await startAppHarness({ target });
    for (const p of LEAK_PERSONAS) sessions.set(p, await app.sessionFor(p));
    s3 = await startS3Server();
    corpora.push(await webCorpus({ db: app.db }));
    corpora.push(await gitCorpus({ db: app.db }));
    for (const dialect of dialects) corpora.push(await sqlCorpus({ db: app.db, dialect }));
    corpora.push(await s3Corpus({ db: app.db, server: s3, bucket: `leak-${target}` }));
    graph = await startGraphServer();
    corpora.push(await sharepointCorpus({ db: app.db, graph }));
    zendesk = await startZendeskServer();
    corpora.push(await zendeskCorpus({ db: app.db, zendesk }));
    ({ GET: explainRoute } = (await import(path.join(webDir, "app/api/admin/documents/[id]/access/route.ts"))) as {
      GET: Handler;
    });
    canaries = corpora.flatMap((c) => c.canaries);
    for (const c of canaries) {
      const rows = await app.db
        .select({ id: documents.id })
        .from(documents)
        .where(and(eq(documents.status, "active"), sql`${documents.normalizedText} like ${`%${c.token}%`}`));
      expect(rows.length, `documents holding ${c.name}'s token`).toBe(1);
      docIds.set(c.name, rows[0]!.id);
    }
    // The document id is a needle too: a search for the token erases the token itself from the
    // reply (the persona's own words), and an id names the document as surely as its text.
    canaries = canaries.map((c) => ({ ...c, needles: [...c.needles, docIds.get(c.name)!] }));
  }, 600_000);
  /**
   * The admin's explanation, through its HTTP route, for every signed-in persona and probed
   * canary: `visible` and the reverse list (who can see it) say exactly what search returned,
   * and a visible non-admin answer names the ACL entry that grants it.
   */
  async function expectExplanationsMatch({ seen, probe }: { seen: SurfaceSeen; probe: ConnectorCanary[] }) {
    for (const c of probe) {
      const id = docIds.get(c.name)!;
      for (const persona of SIGNED_IN) {
        const username = PERSONAS[persona];
        const res = await app.invoke({
          handler: explainRoute,
          path: `/api/admin/documents/${id}/access?user=${username}`,
          params: { id },
          session: sessions.get("admin")!,
        });
        expect(res.status, `explain ${c.name} for ${persona}`).toBe(200);
        const { explanation, readers } = (await res.json()) as {
          explanation: { visible: boolean; reason: string; grants: { principal: string }[] };
          readers: { users: { username: string }[] };
        };
        const found = seen.search.get(persona)?.has(c.name) ?? false;
        expect(explanation.visible, `explain(${persona}, ${c.name}) vs search`).toBe(found);
        expect(
          readers.users.some((u) => u.username === username),
          `${persona} among who can see ${c.name}`,
        ).toBe(found);
        if (found && persona !== "admin")
          expect(explanation.grants.length, `${persona} / ${c.name} grants`).toBeGreaterThan(0);
      }
    }
  }

  afterAll(async () => {
    for (const c of corpora) await c.dispose().catch(() => undefined);
    await s3?.stop();
    await graph?.close();
    await zendesk?.close();
    await app?.dispose();
    vi.unstubAllEnvs();
  });

  it("each connector stored the access its source expresses", async () => {
    const expected: Record<ConnectorCanary["section"], string[]> = {
      hr: ["group:hr"],
      legal: ["group:legal"],
      public: ["group:everyone"],
      nobody: ["group:no-such-team"],
      invalid: [],
    };
    const stored = Object.assign({}, ...corpora.map((c) => c.acl ?? {})) as Record<string, string[]>;
    for (const c of canaries) {
      const [row] = await app.db
        .select({ acl: documents.acl })
        .from(documents)
        .where(eq(documents.id, docIds.get(c.name)!));
      expect([...row!.acl].sort(), c.name).toEqual(stored[c.name] ?? expected[c.section]);
    }
  });

  it(
    "every surface, as every persona: exactly the canaries it may read, no other in any field",
    { timeout: 900_000 },
    async () => {
      const seen = await sweepSurfaces({ app, sessions, canaries, docIds, queries, questions, conversations });
      // Positive controls: the viewer shows, and a search for the token finds, each readable canary.
      expectSeenExactly({ seen, canaries, surface: "viewer" });
      expectSeenExactly({ seen, canaries, surface: "search" });
      expect(seen.chat.get("hr")?.size ?? 0, "hr gets canary answers in chat").toBeGreaterThan(0);
      await expectExplanationsMatch({ seen, probe: canaries });
    },
  );

  it(
    "a permission change at the source reaches every surface and history; ACL-only runs embed nothing",
    { timeout: 900_000 },
    async () => {
      // The first pass left each revoked reader a conversation about the canary: their history must follow.
      const changed = Object.assign({}, ...corpora.map((c) => c.revocation.readers)) as Record<string, Persona[]>;
      for (const corpus of corpora) {
        const runs = await corpus.revoke();
        for (const run of runs) {
          expect(run.embeddingCalls, `${corpus.revocation.note}: embedding calls`).toBe(0);
          expect(run.counts.aclUpdated, `${corpus.revocation.note}: documents updated`).toBeGreaterThanOrEqual(1);
          expect(run.counts.added + run.counts.updated, `${corpus.revocation.note}: content writes`).toBe(0);
        }
      }
      canaries = canaries.map((c) => (changed[c.name] ? { ...c, readers: changed[c.name]! } : c));
      const probe = canaries.filter((c) => changed[c.name]);
      const seen = await sweepSurfaces({ app, sessions, canaries, probe, docIds, queries, questions, conversations });
      expectSeenExactly({ seen, canaries: probe, surface: "viewer" });
      expectSeenExactly({ seen, canaries: probe, surface: "search" });
      await expectExplanationsMatch({ seen, probe });
    },
  );

  it(
    "a deleted source's canaries vanish for every persona at once, admins included",
    { timeout: 900_000 },
    async () => {
      const gone = corpora.find((c) => c.kind === "git")!;
      const stored = await findSource({ db: app.db, source: "git" });
      expect(stored.kind).toBe("git");
      const removed = await deleteSource({ db: app.db, source: "git" });
      expect(removed.documents).toBe(gone.canaries.length);
      // No run in between: deletion itself is what takes them out of every surface.
      canaries = canaries.map((c) => (c.kind === "git" ? { ...c, readers: [], admins: false } : c));
      const probe = canaries.filter((c) => c.kind === "git");
      const seen = await sweepSurfaces({ app, sessions, canaries, probe, docIds, queries, questions, conversations });
      expectSeenExactly({ seen, canaries: probe, surface: "viewer" });
      expectSeenExactly({ seen, canaries: probe, surface: "search" });
      // The other sources are untouched: admins still find their canaries.
      const other = canaries.find((c) => c.kind === "s3" && c.section === "hr")!;
      const r = await searchAs({ app, session: sessions.get("admin")!, query: other.token });
      expect(r.text).toContain(other.token);
    },
  );
});
