import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sessions, users } from "@groundwork/db/schema";
import { availableTargets } from "@groundwork/db/testing";
import { ORIGIN, startAppHarness, type AppHarness, type Persona, type Session } from "./harness/app-harness";
import { webDir } from "./harness/route-tree";

/**
 * An admin's password reset, disabling, or change of role or groups ends the user's sessions at
 * once: the cookie they hold stops working on the very next request. A display-name change does
 * not; an admin changing themselves keeps the session they are using.
 */
type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

describe.each(await availableTargets())("session revocation on %s", (target) => {
  let app: AppHarness;
  let patchUser: Handler;
  let whoAmI: Handler;
  let conversations: Handler;
  let admin: Session;

  beforeAll(async () => {
    vi.stubEnv("GROUNDWORK_PUBLIC_URL", ORIGIN);
    app = await startAppHarness({ target });
    patchUser = ((await import(path.join(webDir, "app/api/admin/users/[id]/route.ts"))) as { PATCH: Handler }).PATCH;
    whoAmI = ((await import(path.join(webDir, "app/api/session/route.ts"))) as { GET: Handler }).GET;
    conversations = ((await import(path.join(webDir, "app/api/conversations/route.ts"))) as { GET: Handler }).GET;
    admin = await app.signIn("admin");
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await app?.dispose();
  });

  const userIdOf = async (username: string) =>
    (await app.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]!.id;
  const signedInAs = async (session: Session) =>
    (
      (await (await app.invoke({ handler: whoAmI, path: "/api/session", session })).json()) as {
        user: { username: string } | null;
      }
    ).user?.username ?? null;
  const patch = async ({
    as = admin,
    userId,
    body,
  }: {
    as?: Session;
    userId: string;
    body: Record<string, unknown>;
  }) => {
    const res = await app.invoke({
      handler: patchUser,
      method: "PATCH",
      path: `/api/admin/users/${userId}`,
      params: { id: userId },
      session: as,
      body,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as { sessionsRevoked: number };
  };

  it.each<[string, Exclude<Persona, "anonymous">, string, Record<string, unknown>]>([
    ["a password reset", "employee", "emma", { password: "a-brand-new-password" }],
    ["disabling", "hr", "harper", { disabled: true }],
    ["a role change", "legal", "lena", { role: "support" }],
    ["a change of groups", "support", "sam", { groups: ["support", "hr"] }],
  ])("%s ends the user's sessions at once", async (_label, persona, username, body) => {
    const first = await app.signIn(persona);
    const second = await app.signIn(persona);
    expect(await signedInAs(first)).toBe(username);
    expect((await app.invoke({ handler: conversations, path: "/api/conversations", session: second })).status).toBe(
      200,
    );

    const { sessionsRevoked } = await patch({ userId: await userIdOf(username), body });
    expect(sessionsRevoked).toBeGreaterThanOrEqual(2);
    expect(await signedInAs(first)).toBeNull();
    expect((await app.invoke({ handler: conversations, path: "/api/conversations", session: second })).status).toBe(
      401,
    );
    expect(
      await app.db
        .select()
        .from(sessions)
        .where(eq(sessions.userId, await userIdOf(username))),
    ).toEqual([]);
  });

  it("a display-name change, or re-sending the same role and groups, keeps the sessions", async () => {
    const harperId = await userIdOf("harper");
    await patch({ userId: harperId, body: { disabled: false } });
    const s = await app.signIn("hr");
    const [row] = await app.db.select({ role: users.role }).from(users).where(eq(users.id, harperId));
    await patch({ userId: harperId, body: { displayName: "Harper H.", role: row!.role, groups: ["hr"] } });
    expect(await signedInAs(s)).toBe("harper");
  });

  it("an admin resetting their own password keeps the session in use and ends the others", async () => {
    const current = await app.signIn("admin");
    const elsewhere = await app.signIn("admin");
    const { sessionsRevoked } = await patch({
      as: current,
      userId: current.principal.userId,
      body: { password: "admins-new-password" },
    });
    expect(sessionsRevoked).toBeGreaterThanOrEqual(1);
    expect(await signedInAs(current)).toBe("ada");
    expect(await signedInAs(elsewhere)).toBeNull();
  });
});
