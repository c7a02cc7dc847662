import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type * as PasswordExports from "@groundwork/auth/password";
import { DEMO_PASSWORD } from "@groundwork/auth/seed";
import { auditEvents } from "@groundwork/db/schema";
import { availableTargets } from "@groundwork/db/testing";
import type * as ThrottleExports from "../../../apps/web/lib/server/auth/sign-in-throttle";
import { ORIGIN, SESSION_COOKIE, startAppHarness, type AppHarness } from "./harness/app-harness";
import { requestScope } from "./harness/next-headers";
import { webDir } from "./harness/route-tree";

/**
 * Sign-in as an outside attacker probes it: guessing passwords (per account and per address,
 * also in parallel, also for usernames that do not exist), control bytes in the credentials,
 * open redirects through `next`, and the form post a browser without JavaScript sends.
 */

// Counts argon2 verifies, to prove a throttled attempt never reaches the password hash and an
// unknown username costs the same single verify as a known one.
const verifies = vi.hoisted(() => ({ count: 0 }));
vi.mock("@groundwork/auth/password", async (importOriginal) => {
  const actual = await importOriginal<typeof PasswordExports>();
  return {
    ...actual,
    verifyPassword: async (args: { hash: string; password: string }) => {
      verifies.count += 1;
      return actual.verifyPassword(args);
    },
  };
});

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
const { resetSharedSignInThrottle } = (await import(
  path.join(webDir, "lib/server/auth/sign-in-throttle.ts")
)) as typeof ThrottleExports;

/** One POST to the sign-in route as a browser sends it; returns the response and the cookies it set. */
async function postSignIn({
  handler,
  body,
  form = false,
  address = "198.51.100.7",
  origin = ORIGIN,
}: {
  handler: Handler;
  body: Record<string, string>;
  form?: boolean;
  address?: string;
  origin?: string;
}): Promise<{ res: Response; setCookies: Map<string, string | null> }> {
  const headers = new Headers({
    host: new URL(ORIGIN).host,
    origin,
    "content-type": form ? "application/x-www-form-urlencoded" : "application/json",
    "x-groundwork-client-address": address,
  });
  const req = new Request(new URL("/api/auth/sign-in", ORIGIN), {
    method: "POST",
    headers,
    body: form ? new URLSearchParams(body).toString() : JSON.stringify(body),
  });
  const setCookies = new Map<string, string | null>();
  const res = await requestScope.run({ cookies: new Map(), headers, setCookies }, () =>
    handler(req, { params: Promise.resolve({}) }),
  );
  return { res, setCookies };
}

describe.each(await availableTargets())("sign-in hardening on %s", (target) => {
  let app: AppHarness;
  let signIn: Handler;

  beforeAll(async () => {
    vi.stubEnv("GROUNDWORK_PUBLIC_URL", ORIGIN);
    app = await startAppHarness({ target });
    signIn = ((await import(path.join(webDir, "app/api/auth/sign-in/route.ts"))) as { POST: Handler }).POST;
  });
  beforeEach(async () => {
    await resetSharedSignInThrottle();
    verifies.count = 0;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await app?.dispose();
  });

  it("40 wrong passwords, then the right one: refused with 429 + Retry-After, and throttled guesses never hash", async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 40; i++) {
      last = (await postSignIn({ handler: signIn, body: { username: "emma", password: `guess-${i}` } })).res;
      statuses.push(last.status);
    }
    // Five free tries, then waits of 1 s, 2 s, 4 s …: a slow machine may fit one or two more in.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(7);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(33);
    expect(verifies.count).toBe(statuses.filter((s) => s === 401).length);
    const right = await postSignIn({ handler: signIn, body: { username: "emma", password: DEMO_PASSWORD } });
    expect(right.res.status).toBe(429);
    expect(Number(right.res.headers.get("retry-after"))).toBeGreaterThan(0);
    const json = (await right.res.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe("rate_limited");
    expect(json.error.message).toMatch(/Too many sign-in attempts\. Try again in \d+ s\./);
    expect(right.setCookies.has(SESSION_COOKIE)).toBe(false);
    // The throttled attempts are audited as such.
    const rows = await app.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "auth.sign_in"), eq(auditEvents.outcome, "rate_limited")));
    expect(rows.length).toBeGreaterThanOrEqual(33);
    expect(rows[0]!.detail).toMatchObject({ method: "password", throttled: "account" });
  });

  it("a parallel burst of guesses is throttled before hashing, not after", async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        postSignIn({ handler: signIn, body: { username: "harper", password: `guess-${i}` } }),
      ),
    );
    expect(results.filter((r) => r.res.status === 401).length).toBeLessThanOrEqual(5);
    expect(verifies.count).toBeLessThanOrEqual(5);
  });

  it("one address spraying many usernames is throttled; another address is not", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push(
        (await postSignIn({ handler: signIn, body: { username: `nobody${i}`, password: "x" }, address: "203.0.113.9" }))
          .res.status,
      );
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(20).filter((s) => s === 429).length).toBeGreaterThanOrEqual(8);
    const elsewhere = await postSignIn({
      handler: signIn,
      body: { username: "lena", password: DEMO_PASSWORD },
      address: "203.0.113.10",
    });
    expect(elsewhere.res.status).toBe(200);
  });

  it("unknown usernames are throttled the same way and cost the same one verify", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const before = verifies.count;
      const { res } = await postSignIn({ handler: signIn, body: { username: "no-such-user", password: `guess-${i}` } });
      statuses.push(res.status);
      expect(verifies.count - before).toBe(res.status === 401 ? 1 : 0);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const before = verifies.count;
    expect(
      (await postSignIn({ handler: signIn, body: { username: "sam", password: "wrong-password" } })).res.status,
    ).toBe(401);
    expect(verifies.count - before).toBe(1);
  });

  it("a success resets the account's count", async () => {
    for (let i = 0; i < 4; i++) await postSignIn({ handler: signIn, body: { username: "ada", password: "wrong" } });
    expect((await postSignIn({ handler: signIn, body: { username: "ada", password: DEMO_PASSWORD } })).res.status).toBe(
      200,
    );
    for (let i = 0; i < 4; i++)
      expect((await postSignIn({ handler: signIn, body: { username: "ada", password: "wrong" } })).res.status).toBe(
        401,
      );
  });

  it.each([
    ["NUL in the username", { username: "emma\u0000", password: "x" }],
    ["NUL in the password", { username: "emma", password: "groundwork\u0000demo" }],
    ["a newline in the username", { username: "em\nma", password: "x" }],
    ["an escape in the password", { username: "emma", password: "\u001b[2J" }],
    ["an empty username", { username: " ", password: "x" }],
  ])("%s is a 400 with a clear message, not a 500", async (_label, body) => {
    const { res } = await postSignIn({ handler: signIn, body });
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe("bad_request");
    expect(json.error.message).toMatch(/^Invalid request: (username|password) /);
  });

  describe("the form a browser without JavaScript posts", () => {
    it("signs in, sets the session cookie and 303-redirects to the safe next path", async () => {
      const { res, setCookies } = await postSignIn({
        handler: signIn,
        form: true,
        body: { username: "emma", password: DEMO_PASSWORD, next: "/chat?c=abc" },
      });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/chat?c=abc");
      expect(setCookies.get(SESSION_COOKIE)).toBeTruthy();
    });

    it.each([
      "/\t/evil.example/phish",
      "/%09/evil.example/phish",
      "//evil.example",
      "/\\evil.example",
      "https://evil.example",
    ])("never redirects off-site for next=%j", async (next) => {
      const { res } = await postSignIn({
        handler: signIn,
        form: true,
        body: { username: "emma", password: DEMO_PASSWORD, next },
      });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/");
    });

    it("a wrong password goes back to /sign-in with an error code and no cookie", async () => {
      const { res, setCookies } = await postSignIn({
        handler: signIn,
        form: true,
        body: { username: "emma", password: "wrong-password", next: "/lookup" },
      });
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/sign-in?error=credentials&next=%2Flookup");
      expect(setCookies.has(SESSION_COOKIE)).toBe(false);
    });

    it("a NUL byte goes back with error=invalid; a throttled one with error=throttled and Retry-After", async () => {
      expect(
        (
          await postSignIn({ handler: signIn, form: true, body: { username: "emma\u0000", password: "x" } })
        ).res.headers.get("location"),
      ).toBe("/sign-in?error=invalid");
      let res: Response | undefined;
      for (let i = 0; i < 7; i++)
        res = (await postSignIn({ handler: signIn, form: true, body: { username: "lena", password: "wrong" } })).res;
      expect(res!.status).toBe(303);
      expect(res!.headers.get("location")).toMatch(/^\/sign-in\?error=throttled&retry=\d+$/);
      expect(Number(res!.headers.get("retry-after"))).toBeGreaterThan(0);
    });

    it("a cross-site form post is refused by the Origin check", async () => {
      const { res, setCookies } = await postSignIn({
        handler: signIn,
        form: true,
        origin: "https://evil.example",
        body: { username: "emma", password: DEMO_PASSWORD },
      });
      expect(res.status).toBe(403);
      expect(setCookies.has(SESSION_COOKIE)).toBe(false);
    });
  });
});
