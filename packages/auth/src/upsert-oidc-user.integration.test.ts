import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "@groundwork/db/schema";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { readOidcEnv } from "./oidc-env";
import { resolvePrincipal } from "./resolve-principal";
import { seedDemoUsers } from "./seed-demo-users";
import { verifyLocalSignIn } from "./verify-local-sign-in";
import { mapOidcGroups, upsertOidcUser, type GroupMapping } from "./upsert-oidc-user";

const plain: GroupMapping = {
  groupMap: null,
  adminGroups: new Set(["gw-admins"]),
  supportGroups: new Set(["gw-support"]),
};

describe("mapOidcGroups", () => {
  it("maps claim values to local group names and a role; everyone is implicit", () => {
    expect(mapOidcGroups({ claimGroups: ["HR", "Everyone", "gw-support"], mapping: plain })).toEqual({
      groups: ["gw-support", "hr"],
      role: "support",
    });
    expect(mapOidcGroups({ claimGroups: ["gw-support", "gw-admins"], mapping: plain }).role).toBe("admin");
    expect(mapOidcGroups({ claimGroups: [], mapping: plain })).toEqual({ groups: [], role: "employee" });
  });

  it("with an explicit map, only mapped claims count", () => {
    const env = readOidcEnv({
      OIDC_ISSUER: "https://idp.example",
      OIDC_CLIENT_ID: "c",
      OIDC_CLIENT_SECRET: "s",
      OIDC_GROUP_MAP: "People-Team=hr, Counsel=legal",
    });
    expect(mapOidcGroups({ claimGroups: ["People-Team", "Random"], mapping: env! }).groups).toEqual(["hr"]);
  });
});

describe("readOidcEnv", () => {
  it("is null unless issuer, client id and secret are all set, and derives a stable secret", () => {
    expect(readOidcEnv({})).toBeNull();
    expect(readOidcEnv({ OIDC_ISSUER: "https://idp.example", OIDC_CLIENT_ID: "c" })).toBeNull();
    const a = readOidcEnv({ OIDC_ISSUER: "https://idp.example", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s" });
    const b = readOidcEnv({ OIDC_ISSUER: "https://idp.example", OIDC_CLIENT_ID: "c", OIDC_CLIENT_SECRET: "s" });
    expect(a?.secret).toBe(b?.secret);
    expect(a?.secret).not.toContain("s:");
    expect(() =>
      readOidcEnv({
        OIDC_ISSUER: "https://idp.example",
        OIDC_CLIENT_ID: "c",
        OIDC_CLIENT_SECRET: "s",
        OIDC_GROUP_MAP: "broken",
      }),
    ).toThrow(/OIDC_GROUP_MAP/);
  });
});

describe.each(await availableTargets())("sign-in on %s", (target) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ target });
    await seedDemoUsers({ db: db.db });
  });
  afterAll(async () => db?.dispose());

  it("creates an SSO user with mapped groups, then replaces groups and role on the next sign-in", async () => {
    const first = await upsertOidcUser({
      db: db.db,
      profile: {
        sub: "idp|42",
        email: "nora@quillfeather.example",
        name: "Nora",
        groups: ["hr", "legal", "unknown-group"],
      },
      mapping: plain,
    });
    let p = await resolvePrincipal({ db: db.db, userId: first.userId });
    expect(p.username).toBe("nora");
    expect(p.groups).toEqual(["hr", "legal"]);
    expect(p.role).toBe("employee");

    const again = await upsertOidcUser({
      db: db.db,
      profile: { sub: "idp|42", email: "nora@quillfeather.example", name: "Nora N.", groups: ["legal", "gw-admins"] },
      mapping: plain,
    });
    expect(again.userId).toBe(first.userId);
    p = await resolvePrincipal({ db: db.db, userId: first.userId });
    expect(p.groups).toEqual(["legal"]);
    expect(p.role).toBe("admin");
    expect(p.displayName).toBe("Nora N.");
  });

  it("never takes over a local account with the same username", async () => {
    const sso = await upsertOidcUser({
      db: db.db,
      profile: { sub: "idp|emma", preferredUsername: "emma", groups: [] },
      mapping: plain,
    });
    const [local] = await db.db.select().from(users).where(eq(users.username, "emma"));
    expect(sso.userId).not.toBe(local!.id);
    const [row] = await db.db.select().from(users).where(eq(users.id, sso.userId));
    expect(row!.username).toMatch(/^emma-sso-[0-9a-f]{6}$/);
    expect(row!.passwordHash).toBeNull();
  });

  it("local sign-in accepts the right password only, and refuses disabled and SSO-only users", async () => {
    expect(await verifyLocalSignIn({ db: db.db, username: "Emma ", password: "groundwork-demo" })).not.toBeNull();
    expect(await verifyLocalSignIn({ db: db.db, username: "emma", password: "wrong" })).toBeNull();
    expect(await verifyLocalSignIn({ db: db.db, username: "nobody", password: "groundwork-demo" })).toBeNull();
    expect(await verifyLocalSignIn({ db: db.db, username: "nora", password: "" })).toBeNull();
    await db.db.update(users).set({ disabled: true }).where(eq(users.username, "lena"));
    expect(await verifyLocalSignIn({ db: db.db, username: "lena", password: "groundwork-demo" })).toBeNull();
  });
});
