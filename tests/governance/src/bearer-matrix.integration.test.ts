import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { admits, type AccessPolicy } from "@groundwork/access/policy";
import { createServiceAccount, READ_SCOPES, type TokenScope } from "@groundwork/auth";
import { availableTargets } from "@groundwork/db/testing";
import { PERSONAS, startAppHarness, type AppHarness } from "./harness/app-harness";
import { issueToken } from "./harness/api-clients";
import { HTTP_METHODS, fillPattern, listRouteFiles, paramsOf } from "./harness/route-tree";

/**
 * The authorization matrix for `Authorization: Bearer` requests, every route and method: a
 * route that takes tokens (route({ token })) answers 401 without one, 403 to a token lacking its
 * scope, and lets a token with the scope past the gate when its owner's role is admitted (a
 * token never lifts its owner above their role); a token-only route ignores a session cookie;
 * every other non-public route is session-only, and a bearer token alone — even an admin's with
 * every scope — is a 401 there.
 */
type TokenSpec = {
  scope: TokenScope | readonly TokenScope[] | ((args: { params: Record<string, string | string[]> }) => TokenScope);
  only?: boolean;
};
type Handler = ((req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) & {
  policy?: AccessPolicy;
  token?: TokenSpec;
};

function acceptedScopes({ spec, params }: { spec: TokenSpec; params: Record<string, string | string[]> }) {
  if (typeof spec.scope === "function") return [spec.scope({ params })];
  return typeof spec.scope === "string" ? [spec.scope] : [...spec.scope];
}

const routes = listRouteFiles();
const SCOPE_REFUSAL = /lacks the .* scope/;
// Ingest scopes are held by admins and service accounts only (token-scopes.ts): the push API's holder.
const SERVICE = "matrix_push_bot";

describe.each(await availableTargets())("bearer authorization matrix on %s", (target) => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await startAppHarness({ target });
    await createServiceAccount({ db: app.db, name: SERVICE });
  });
  afterAll(async () => {
    await app?.dispose();
  });

  it.each(routes.map((r) => [r.pattern, r.file] as const))("%s", async (pattern, file) => {
    const mod = (await import(file)) as Record<string, Handler | undefined>;
    for (const method of HTTP_METHODS.filter((m) => typeof mod[m] === "function")) {
      const handler = mod[method]!;
      const policy = handler.policy!;
      const params = Object.fromEntries(
        paramsOf(pattern).map((p) => [p.name, p.catchAll ? ["session"] : randomUUID()]),
      );
      const path = fillPattern(pattern, params);
      const body = method === "GET" || method === "HEAD" ? undefined : {};
      const call = async ({ token, cookieOf }: { token?: string; cookieOf?: "employee" | "admin" }) => {
        const res = await app.invoke({
          handler,
          method,
          path,
          params,
          session: cookieOf ? await app.signIn(cookieOf) : null,
          body,
          headers: token
            ? { authorization: `Bearer ${token}`, accept: "application/json, text/event-stream" }
            : { accept: "application/json, text/event-stream" },
        });
        const text = method === "HEAD" ? "" : await res.text();
        return { status: res.status, text, where: `${method} ${pattern} → ${res.status} ${text.slice(0, 200)}` };
      };

      if (!handler.token) {
        if (policy === "public") continue;
        // Session-only: the strongest token there is authenticates nothing here.
        const strongest = await issueToken({
          db: app.db,
          username: PERSONAS.admin,
          scopes: [...READ_SCOPES, "ingest:write:anything"],
        });
        const r = await call({ token: strongest.token });
        expect(r.status, `admin token on session-only ${r.where}`).toBe(401);
        continue;
      }

      const accepted = acceptedScopes({ spec: handler.token, params });
      const wrong = ([...READ_SCOPES, "ingest:write:some-other-source"] as TokenScope[]).filter(
        (s) => !accepted.includes(s),
      );
      const owner = admits({ policy, role: "employee" }) ? "employee" : "admin";
      const ownerName =
        accepted.some((s) => s.startsWith("ingest:")) && owner === "employee" ? SERVICE : PERSONAS[owner];

      const none = await call({});
      expect(none.status, `no token: ${none.where}`).toBe(401);
      const garbage = await call({ token: "gw_pat_000000000000_" + "a".repeat(43) });
      expect(garbage.status, `unknown token: ${garbage.where}`).toBe(401);

      // Ingest scopes are only held by admins and service accounts: the wrong-scope token is an admin's.
      const wrongToken = await issueToken({ db: app.db, username: PERSONAS.admin, scopes: wrong });
      const refused = await call({ token: wrongToken.token });
      expect(refused.status, `wrong scope ${wrong.join(",")}: ${refused.where}`).toBe(403);
      expect(refused.text, refused.where).toMatch(SCOPE_REFUSAL);

      const right = await issueToken({ db: app.db, username: ownerName, scopes: accepted });
      const passed = await call({ token: right.token });
      expect(passed.status, `right scope as ${ownerName}: ${passed.where}`).not.toBe(401);
      expect(passed.text, passed.where).not.toMatch(SCOPE_REFUSAL);
      expect(passed.text, passed.where).not.toContain("You don't have access to this.");
      expect(passed.status, passed.where).toBeLessThan(500);

      if (owner === "admin") {
        // The scope is not a role: an employee's token with it stays below an admin route.
        const below = await issueToken({ db: app.db, username: PERSONAS.employee, scopes: accepted }).catch(() => null);
        if (below) expect((await call({ token: below.token })).status).toBe(403);
      }

      if (handler.token.only) {
        const cookie = await call({ cookieOf: "admin" });
        expect(cookie.status, `session cookie on a token-only route: ${cookie.where}`).toBe(401);
      }
    }
  });
});
