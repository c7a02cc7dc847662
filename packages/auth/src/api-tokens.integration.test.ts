import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiTokens, users } from "@groundwork/db/schema";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { authenticateApiToken, INVALID_TOKEN_MESSAGE } from "./authenticate-api-token";
import { createApiToken, parseTokenExpiry } from "./create-api-token";
import { createServiceAccount } from "./create-service-account";
import { listApiTokens } from "./list-api-tokens";
import { listServiceAccounts } from "./list-service-accounts";
import { resolvePrincipal } from "./resolve-principal";
import { revokeApiToken } from "./revoke-api-token";
import { seedDemoUsers } from "./seed-demo-users";
import { updateUser } from "./update-user";
import { verifyLocalSignIn } from "./verify-local-sign-in";

describe.each(await availableTargets())("API tokens and service accounts on %s", (target) => {
  let db: TestDatabase;
  let emma: string;
  let ada: string;
  beforeAll(async () => {
    db = await createTestDatabase({ target });
    await seedDemoUsers({ db: db.db });
    emma = (await resolvePrincipal({ db: db.db, username: "emma" })).userId;
    ada = (await resolvePrincipal({ db: db.db, username: "ada" })).userId;
  });
  afterAll(async () => db?.dispose());

  it("issues a prefixed token shown once, stores only its hash, and authenticates as the owner's session principal", async () => {
    const { token, listing } = await createApiToken({
      db: db.db,
      userId: emma,
      name: "laptop",
      scopes: ["search", "chat", "search"],
      createdBy: emma,
    });
    expect(token).toMatch(/^gw_pat_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(listing).toMatchObject({ name: "laptop", scopes: ["chat", "search"], state: "active", username: "emma" });
    expect(token.startsWith(`${listing.prefix}_`)).toBe(true);
    const [row] = await db.db.select().from(apiTokens).where(eq(apiTokens.id, listing.id));
    expect(JSON.stringify(row)).not.toContain(token.slice(listing.prefix.length + 1));
    const auth = await authenticateApiToken({ db: db.db, token });
    expect(auth.token).toMatchObject({ id: listing.id, scopes: ["chat", "search"], ownerKind: "person" });
    expect(auth.principal).toEqual(await resolvePrincipal({ db: db.db, userId: emma }));
    expect((await listApiTokens({ db: db.db, userId: emma }))[0]!.lastUsedAt).not.toBeNull();
  });

  it("refuses unknown, tampered, expired, revoked and disabled-owner tokens with one message", async () => {
    const { token, listing } = await createApiToken({ db: db.db, userId: emma, name: "short", scopes: ["search"] });
    const tampered = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    for (const bad of ["", "Bearer x", "gw_pat_000000000000_" + "a".repeat(43), tampered]) {
      await expect(authenticateApiToken({ db: db.db, token: bad })).rejects.toMatchObject({
        code: "unauthorized",
        message: INVALID_TOKEN_MESSAGE,
      });
    }
    // Expiry is checked at each request.
    await expect(
      authenticateApiToken({ db: db.db, token, now: new Date(Date.now() + 400 * 86_400_000) }),
    ).resolves.toBeTruthy();
    await db.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, listing.id));
    await expect(authenticateApiToken({ db: db.db, token })).rejects.toMatchObject({ message: INVALID_TOKEN_MESSAGE });
    expect((await listApiTokens({ db: db.db, tokenId: listing.id }))[0]!.state).toBe("expired");

    const second = await createApiToken({ db: db.db, userId: emma, name: "revoked", scopes: ["search"] });
    await authenticateApiToken({ db: db.db, token: second.token });
    // Someone else's token reads as unknown to a person revoking their own.
    await expect(revokeApiToken({ db: db.db, id: second.listing.id, userId: ada })).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await revokeApiToken({ db: db.db, id: second.listing.id, userId: emma })).state).toBe("revoked");
    await expect(authenticateApiToken({ db: db.db, token: second.token })).rejects.toMatchObject({
      message: INVALID_TOKEN_MESSAGE,
    });

    const third = await createApiToken({ db: db.db, userId: emma, name: "owner-off", scopes: ["search"] });
    await updateUser({ db: db.db, actor: { userId: ada }, userId: emma, disabled: true });
    await expect(authenticateApiToken({ db: db.db, token: third.token })).rejects.toMatchObject({
      message: INVALID_TOKEN_MESSAGE,
    });
    await updateUser({ db: db.db, actor: { userId: ada }, userId: emma, disabled: false });
    await expect(authenticateApiToken({ db: db.db, token: third.token })).resolves.toBeTruthy();
  });

  it("validates scopes, expiry and names; ingest scopes only for admins and service accounts", async () => {
    await expect(
      createApiToken({ db: db.db, userId: emma, name: "x", scopes: ["ingest:write:crm"] }),
    ).rejects.toMatchObject({
      code: "bad_request",
      message: "Only admins and service accounts can hold ingest:write scopes.",
    });
    await expect(createApiToken({ db: db.db, userId: emma, name: "x", scopes: ["admin"] })).rejects.toMatchObject({
      code: "bad_request",
    });
    await expect(createApiToken({ db: db.db, userId: emma, name: "x", scopes: [] })).rejects.toMatchObject({
      code: "bad_request",
    });
    await expect(createApiToken({ db: db.db, userId: emma, name: " ", scopes: ["search"] })).rejects.toMatchObject({
      code: "bad_request",
    });
    await expect(
      createApiToken({ db: db.db, userId: emma, name: "x", scopes: ["search"], expiresAt: new Date(Date.now() - 1) }),
    ).rejects.toMatchObject({ code: "bad_request", message: "The expiry must be in the future." });
    const admin = await createApiToken({ db: db.db, userId: ada, name: "push", scopes: ["ingest:write:crm"] });
    expect((await authenticateApiToken({ db: db.db, token: admin.token })).token.scopes).toEqual(["ingest:write:crm"]);
    // An admin demoted later keeps the token but loses its ingest scope at the next request.
    await db.db.update(users).set({ role: "support" }).where(eq(users.id, ada));
    expect((await authenticateApiToken({ db: db.db, token: admin.token })).token.scopes).toEqual([]);
    await db.db.update(users).set({ role: "admin" }).where(eq(users.id, ada));

    expect(parseTokenExpiry({ text: "30d", now: new Date(0) })!.getTime()).toBe(30 * 86_400_000);
    expect(parseTokenExpiry({ text: "12h", now: new Date(0) })!.getTime()).toBe(12 * 3_600_000);
    expect(parseTokenExpiry({ text: "never" })).toBeNull();
    expect(() => parseTokenExpiry({ text: "soon" })).toThrow(/Invalid expiry/);
  });

  it("service accounts hold their own groups, get gw_sa_ tokens and can never sign in or take a password", async () => {
    const sa = await createServiceAccount({ db: db.db, name: "crm-sync", groupNames: ["hr"] });
    await expect(createServiceAccount({ db: db.db, name: "crm-sync" })).rejects.toMatchObject({ code: "conflict" });
    await expect(createServiceAccount({ db: db.db, name: "bot", groupNames: ["nope"] })).rejects.toMatchObject({
      code: "bad_request",
    });
    const { token } = await createApiToken({
      db: db.db,
      userId: sa.id,
      name: "prod",
      scopes: ["search", "ingest:write:crm"],
      createdBy: ada,
      rateLimitPerMinute: 5,
    });
    expect(token).toMatch(/^gw_sa_/);
    const auth = await authenticateApiToken({ db: db.db, token });
    expect(auth.principal).toMatchObject({ username: "crm-sync", role: "employee", groups: ["hr"], isAdmin: false });
    expect(auth.principal.principals).toEqual([`user:${sa.id}`, "group:everyone", "group:hr"]);
    expect(auth.token).toMatchObject({ ownerKind: "service", rateLimitPerMinute: 5 });
    expect(await verifyLocalSignIn({ db: db.db, username: "crm-sync", password: "anything-at-all" })).toBeNull();
    await expect(
      updateUser({ db: db.db, actor: { userId: ada }, userId: sa.id, password: "a-new-password!" }),
    ).rejects.toMatchObject({ code: "bad_request" });
    await expect(updateUser({ db: db.db, actor: { userId: ada }, userId: sa.id, role: "admin" })).rejects.toMatchObject(
      { code: "bad_request" },
    );
    await updateUser({ db: db.db, actor: { userId: ada }, userId: sa.id, groupNames: ["legal"] });
    expect((await authenticateApiToken({ db: db.db, token })).principal.groups).toEqual(["legal"]);
    expect(await listServiceAccounts({ db: db.db })).toEqual([
      expect.objectContaining({ username: "crm-sync", groups: ["legal"], activeTokens: 1 }),
    ]);
  });
});
