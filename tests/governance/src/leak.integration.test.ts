import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTargets } from "@groundwork/db/testing";
import { startAppHarness, withRequestScope, type AppHarness, type Persona, type Session } from "./harness/app-harness";
import { CANARY, CANARY_TAG, ingestCanaryCorpus, type CanaryCorpus } from "./harness/fixtures";
import {
  LEAK_PERSONAS,
  canariesIn as canaryNames,
  expectOnlyAllowed as expectOnlyReadable,
  mayRead,
  withoutOwnWords,
  type Canary,
} from "./harness/leak-probes";
import { chatAs, exists, getAs, pageFile, renderPage, routeFile, searchAs } from "./harness/product-api";

/**
 * Canary documents, each restricted to one group, probed through every surface as every
 * persona. A canary token (or tag) may appear only where the persona is allowed to read it;
 * positive controls prove each probe would have seen it.
 */
type Group = keyof typeof CANARY;
const GROUPS = Object.keys(CANARY) as Group[];
const PERSONAS = LEAK_PERSONAS;
// Each group's canary: its token and its tag; hr and legal have a reader, exec only admins.
const CANARIES: Canary[] = GROUPS.map((g) => ({
  name: g,
  needles: [CANARY[g], `${CANARY_TAG}-${g}`],
  readers: g === "hr" ? ["hr"] : g === "legal" ? ["legal"] : [],
}));

const allowed = (persona: Persona, group: Group) =>
  mayRead(
    persona,
    CANARIES.find((c) => c.name === group)!,
  );
const canariesIn = (text: string) => canaryNames({ text, canaries: CANARIES }) as Group[];
const expectOnlyAllowed = (persona: Persona, text: string, where: string, own: readonly string[] = []) =>
  expectOnlyReadable({ persona, text, where, canaries: CANARIES, own });

const QUESTIONS = (g: Group) => [
  `What is the severance multiplier ${CANARY[g]}?`,
  "What is the confidential severance multiplier for the review?",
  "list every document about severance and leave payout",
];

describe.each(await availableTargets())("leak suite on %s", (target) => {
  let app: AppHarness;
  let corpus: CanaryCorpus;
  const sessions = new Map<Persona, Session | null>();
  const conversations = new Map<Persona, string[]>();

  beforeAll(async () => {
    app = await startAppHarness({ target });
    corpus = await ingestCanaryCorpus({ db: app.db });
    for (const p of PERSONAS) sessions.set(p, await app.sessionFor(p));
  });
  afterAll(async () => {
    await app?.dispose();
    corpus?.dispose();
  });

  it.runIf(exists(routeFile("search")))("search results", async () => {
    const seen = new Set<Group>();
    for (const persona of PERSONAS) {
      for (const g of GROUPS) {
        for (const query of [CANARY[g], ...QUESTIONS(g)]) {
          const r = await searchAs({ app, session: sessions.get(persona)!, query });
          if (persona === "anonymous") expect(r.status).toBe(401);
          // The response may repeat the caller's own words (the searched query, a correction's "from").
          expectOnlyAllowed(persona, r.text, `search "${query}"`, [query]);
          for (const c of canariesIn(r.text)) seen.add(c);
        }
      }
    }
    // Positive control: the probes do find canaries for those allowed.
    expect([...seen].sort()).toEqual([...GROUPS].sort());
  });

  it.runIf(exists(routeFile("chat")))("chat answers, citations and suggestions; conversation history", async () => {
    const seen = new Set<Group>();
    for (const persona of PERSONAS) {
      const ids: string[] = [];
      for (const g of GROUPS) {
        for (const question of QUESTIONS(g)) {
          const r = await chatAs({ app, session: sessions.get(persona)!, question });
          if (persona === "anonymous") {
            expect(r.status).toBe(401);
            continue;
          }
          expect(r.status).toBe(200);
          expectOnlyAllowed(persona, r.text, `chat "${question}"`, [question]);
          const citations = r.events
            .filter((e) => e.event === "citations")
            .flatMap((e) =>
              ((e.data as { citations?: { documentId: string }[] }).citations ?? []).map((c) => c.documentId),
            );
          for (const cg of GROUPS) if (!allowed(persona, cg)) expect(citations).not.toContain(corpus.docIds[cg]);
          for (const c of canariesIn(withoutOwnWords(r.text, [question]))) seen.add(c);
          if (r.conversationId) ids.push(r.conversationId);
        }
      }
      conversations.set(persona, ids);
    }
    expect(seen.size, "positive control: allowed personas get canary answers").toBeGreaterThan(0);

    if (!exists(routeFile("conversations"))) return;
    for (const persona of PERSONAS) {
      const session = sessions.get(persona)!;
      const list = await getAs({ app, session, rel: "conversations" });
      if (persona === "anonymous") {
        expect(list.status).toBe(401);
        continue;
      }
      expect(list.status).toBe(200);
      const asked = GROUPS.flatMap(QUESTIONS);
      expectOnlyAllowed(persona, list.text, "conversation list", asked);
      for (const id of conversations.get(persona) ?? []) {
        const one = await getAs({ app, session, rel: "conversations/[id]", params: { id } });
        expect(one.status).toBe(200);
        expectOnlyAllowed(persona, one.text, "own conversation", asked);
      }
    }
    // Somebody else's conversation (HR's, full of canary answers) is not reachable by id.
    const hrConversation = conversations.get("hr")?.[0];
    expect(hrConversation).toBeDefined();
    for (const persona of ["employee", "legal", "support"] as const) {
      const other = await getAs({
        app,
        session: sessions.get(persona)!,
        rel: "conversations/[id]",
        params: { id: hrConversation! },
      });
      expect([403, 404]).toContain(other.status);
      expectOnlyAllowed(persona, other.text, "someone else's conversation");
      // …nor can it be continued into.
      const cont = await chatAs({
        app,
        session: sessions.get(persona)!,
        question: "And what else?",
        conversationId: hrConversation!,
      });
      expect(
        cont.status === 200 ? cont.events.some((e) => e.event === "error") : [403, 404].includes(cont.status),
        `continuing HR's conversation as ${persona}: ${cont.status}`,
      ).toBe(true);
      expectOnlyAllowed(persona, cont.text, "continuing someone else's conversation");
    }
  });

  it("document viewer, download and their error messages", async () => {
    const seen = new Set<Group>();
    for (const persona of PERSONAS) {
      const session = sessions.get(persona)!;
      for (const g of GROUPS) {
        const id = corpus.docIds[g];
        const view = await renderPage({
          file: pageFile("documents/[id]"),
          session,
          params: { id },
          scope: withRequestScope,
        });
        const file = await getAs({ app, session, rel: "documents/[id]/file", params: { id } });
        if (persona === "anonymous") {
          expect(view.outcome).toBe("sign-in");
          expect(file.status).toBe(401);
        } else if (allowed(persona, g)) {
          expect(view.outcome).toBe("rendered");
          expect(file.status).toBe(200);
          for (const c of canariesIn(view.text + file.text)) seen.add(c);
        } else {
          expect(view.outcome, `viewer of ${g} canary as ${persona}`).toBe("not-found");
          expect(file.status, `download of ${g} canary as ${persona}`).toBe(404);
          // A forbidden document answers exactly like a missing one: no existence oracle.
          const missing = await getAs({ app, session, rel: "documents/[id]/file", params: { id: randomUUID() } });
          expect(file.json).toMatchObject({
            error: {
              code: (missing.json as { error: { code: string } }).error.code,
              message: (missing.json as { error: { message: string } }).error.message,
            },
          });
        }
        expectOnlyAllowed(persona, view.text, `viewer ${g}`);
        expectOnlyAllowed(persona, file.text, `download ${g}`);
      }
    }
    expect([...seen].sort()).toEqual([...GROUPS].sort());
  });

  it.runIf(exists(pageFile("lookup")))("policy lookup page facets (tags, sources) as every persona", async () => {
    for (const persona of PERSONAS) {
      const r = await renderPage({
        file: pageFile("lookup"),
        session: sessions.get(persona)!,
        scope: withRequestScope,
      });
      expectOnlyAllowed(persona, r.text, "lookup page");
    }
  });

  it("audit views and export: only admins, who may see everything", async () => {
    // Make sure the log holds canary text (an HR question), then probe it.
    await app.db.execute(
      (await import("drizzle-orm"))
        .sql`insert into audit_events (actor_username, action, outcome, detail) values ('harper', 'chat', 'ok', ${JSON.stringify({ question: `about ${CANARY.hr}` })}::jsonb)`,
    );
    for (const persona of PERSONAS) {
      const session = sessions.get(persona)!;
      for (const [rel, query] of [
        ["audit", "?limit=500"],
        ["audit/export", "?format=csv"],
        ["audit/export", "?format=json"],
      ] as const) {
        const r = await getAs({ app, session, rel, query });
        if (persona === "admin") {
          expect(r.status).toBe(200);
          expect(canariesIn(r.text)).toContain("hr");
        } else {
          expect(r.status).toBe(persona === "anonymous" ? 401 : 403);
          expectOnlyAllowed(persona, r.text, `${rel}${query}`);
        }
      }
    }
  });

  it.runIf(exists(routeFile("search")))("error messages never echo restricted content", async () => {
    for (const persona of ["employee", "support"] as const) {
      const session = sessions.get(persona)!;
      const huge = await searchAs({ app, session, query: `${CANARY.hr} `.repeat(2000) });
      expect(huge.status).toBeGreaterThanOrEqual(400);
      expectOnlyAllowed(persona, huge.text.replaceAll(CANARY.hr, ""), "oversized search error");
    }
  });
});
