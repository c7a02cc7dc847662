import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { withRequestScope, type AppHarness, type Persona, type Session } from "./app-harness";
import { chatAs, exists, getAs, pageFile, renderPage, routeFile, searchAs } from "./product-api";

/**
 * The leak suites' probes, for any set of canaries: each canary is a document marked by needles
 * (its token, its tag, its owner) that only its readers — and admins — may ever receive. Every
 * surface is called as every persona and the whole response text is searched for every needle.
 */
export const LEAK_PERSONAS: Persona[] = ["anonymous", "employee", "hr", "legal", "support", "admin"];
export const SIGNED_IN: Exclude<Persona, "anonymous">[] = ["employee", "hr", "legal", "support", "admin"];

export type Canary = {
  name: string;
  /** Strings only this document holds; matched case-insensitively (tags are stored lowercased). */
  needles: string[];
  /** Who besides admins may read it. */
  readers: readonly Persona[];
  /** false once the document is gone for everyone (a deleted source): not even admins. */
  admins?: boolean;
};

export function mayRead(persona: Persona, canary: Canary): boolean {
  if (persona === "admin") return canary.admins !== false;
  return canary.readers.includes(persona);
}

/** The canaries any of whose needles occur in `text`. */
export function canariesIn({ text, canaries }: { text: string; canaries: readonly Canary[] }): string[] {
  const lower = text.toLowerCase();
  return canaries.filter((c) => c.needles.some((n) => lower.includes(n.toLowerCase()))).map((c) => c.name);
}

/** The persona's own words come back to them (conversation titles, echoed questions): not a leak. */
export function withoutOwnWords(text: string, own: readonly string[]): string {
  let out = text;
  for (const q of own) out = out.split(q).join("").split(JSON.stringify(q).slice(1, -1)).join("");
  return out;
}

export function expectOnlyAllowed({
  persona,
  text,
  where,
  canaries,
  own = [],
}: {
  persona: Persona;
  text: string;
  where: string;
  canaries: readonly Canary[];
  own?: readonly string[];
}): string[] {
  const cleaned = withoutOwnWords(text, own);
  const found = canariesIn({ text: cleaned, canaries });
  const byName = new Map(canaries.map((c) => [c.name, c]));
  const leaked = found.filter((n) => !mayRead(persona, byName.get(n)!));
  // Soft: one pass reports every leak it finds, not only the first.
  expect
    .soft(
      leaked,
      `${where}: ${persona} saw canaries ${leaked.join(", ")}${leaked.length ? ` in …${around(cleaned, byName.get(leaked[0]!)!)}…` : ""}`,
    )
    .toEqual([]);
  return found;
}

/** Where a leaked needle sits in a reply, for the failure message. */
function around(text: string, canary: Canary): string {
  const lower = text.toLowerCase();
  const at = Math.min(...canary.needles.map((n) => lower.indexOf(n.toLowerCase())).filter((i) => i >= 0));
  return text.slice(Math.max(0, at - 400), at + 400);
}

export type SurfaceSeen = Record<"search" | "chat" | "viewer", Map<Persona, Set<string>>>;

const emptySeen = (): SurfaceSeen => ({ search: new Map(), chat: new Map(), viewer: new Map() });
const note = (seen: Map<Persona, Set<string>>, persona: Persona, names: string[]) => {
  const set = seen.get(persona) ?? new Set<string>();
  for (const n of names) set.add(n);
  seen.set(persona, set);
};

/**
 * One pass over every user-facing surface as every persona, asking about the `probe` canaries
 * and checking every reply against all of `canaries`: search (each query), chat (answer,
 * citations, suggestions), the persona's conversation list and every conversation in
 * `conversations` (earlier passes' too: history must follow access), the document viewer and
 * download of each probed document (a forbidden one answers exactly like a missing one), and the
 * lookup page's facets. Returns which canaries each persona received per surface, for positive
 * controls; new conversations are added to `conversations`.
 */
export async function sweepSurfaces({
  app,
  sessions,
  canaries,
  probe = canaries,
  docIds,
  queries,
  questions,
  conversations,
}: {
  app: AppHarness;
  sessions: Map<Persona, Session | null>;
  canaries: readonly Canary[];
  probe?: readonly Canary[];
  /** Canary name → its document id (probed documents that still exist). */
  docIds: Map<string, string>;
  queries: (c: Canary) => string[];
  questions: (c: Canary) => string[];
  conversations: Map<Persona, { id: string; question: string }[]>;
}): Promise<SurfaceSeen> {
  const seen = emptySeen();
  const byName = new Map(canaries.map((c) => [c.name, c]));

  if (exists(routeFile("search"))) {
    for (const persona of LEAK_PERSONAS) {
      for (const c of probe) {
        for (const query of queries(c)) {
          const r = await searchAs({ app, session: sessions.get(persona)!, query });
          if (persona === "anonymous") expect(r.status).toBe(401);
          note(
            seen.search,
            persona,
            expectOnlyAllowed({ persona, text: r.text, where: `search "${query}"`, canaries, own: [query] }),
          );
        }
      }
    }
  }

  if (exists(routeFile("chat"))) {
    for (const persona of LEAK_PERSONAS) {
      for (const c of probe) {
        for (const question of questions(c)) {
          const r = await chatAs({ app, session: sessions.get(persona)!, question });
          if (persona === "anonymous") {
            expect(r.status).toBe(401);
            continue;
          }
          expect(r.status).toBe(200);
          note(
            seen.chat,
            persona,
            expectOnlyAllowed({ persona, text: r.text, where: `chat "${question}"`, canaries, own: [question] }),
          );
          const cited = r.events
            .filter((e) => e.event === "citations")
            .flatMap((e) =>
              ((e.data as { citations?: { documentId: string }[] }).citations ?? []).map((x) => x.documentId),
            );
          for (const [name, id] of docIds)
            if (!mayRead(persona, byName.get(name)!))
              expect(cited, `chat "${question}" as ${persona} cites ${name}`).not.toContain(id);
          if (r.conversationId)
            conversations.set(persona, [...(conversations.get(persona) ?? []), { id: r.conversationId, question }]);
        }
      }
    }
    if (exists(routeFile("conversations"))) {
      for (const persona of LEAK_PERSONAS) {
        const session = sessions.get(persona)!;
        const mine = conversations.get(persona) ?? [];
        const asked = mine.map((m) => m.question);
        const list = await getAs({ app, session, rel: "conversations" });
        if (persona === "anonymous") {
          expect(list.status).toBe(401);
          continue;
        }
        expect(list.status).toBe(200);
        expectOnlyAllowed({ persona, text: list.text, where: "conversation list", canaries, own: asked });
        for (const { id } of mine) {
          const one = await getAs({ app, session, rel: "conversations/[id]", params: { id } });
          expect(one.status).toBe(200);
          expectOnlyAllowed({ persona, text: one.text, where: `own conversation ${id}`, canaries, own: asked });
        }
      }
    }
  }

  for (const persona of LEAK_PERSONAS) {
    const session = sessions.get(persona)!;
    for (const c of probe) {
      const id = docIds.get(c.name);
      if (!id) continue;
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
      } else if (mayRead(persona, c)) {
        expect(view.outcome, `viewer of ${c.name} as ${persona}`).toBe("rendered");
        expect(file.status, `download of ${c.name} as ${persona}`).toBe(200);
      } else {
        expect(view.outcome, `viewer of ${c.name} as ${persona}`).toBe("not-found");
        expect(file.status, `download of ${c.name} as ${persona}`).toBe(404);
        await expectSameAsMissing({ app, session, reply: file.json });
      }
      note(
        seen.viewer,
        persona,
        // The sign-in redirect carries the requested URL back: the persona's own words.
        expectOnlyAllowed({
          persona,
          text: view.text + file.text,
          where: `viewer/download of ${c.name}`,
          canaries,
          own: [id],
        }),
      );
    }
  }

  if (exists(pageFile("lookup"))) {
    for (const persona of LEAK_PERSONAS) {
      const r = await renderPage({
        file: pageFile("lookup"),
        session: sessions.get(persona)!,
        scope: withRequestScope,
      });
      expectOnlyAllowed({ persona, text: r.text, where: "lookup page", canaries });
    }
  }
  return seen;
}

/** A forbidden document's download error is word for word a missing document's: no existence oracle. */
export async function expectSameAsMissing({
  app,
  session,
  reply,
}: {
  app: AppHarness;
  session: Session | null;
  reply: unknown;
}): Promise<void> {
  const missing = await getAs({ app, session, rel: "documents/[id]/file", params: { id: randomUUID() } });
  const error = (missing.json as { error: { code: string; message: string } }).error;
  expect(reply).toMatchObject({ error: { code: error.code, message: error.message } });
}
