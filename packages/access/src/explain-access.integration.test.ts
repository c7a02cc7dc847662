import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { documents, groups, memberships, sources, users } from "@groundwork/db/schema";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { documentReaders, explainAccess } from "./explain-access";
import { isAdminRole } from "./policy";
import { principalsFor, type Role } from "./principal";
import { withReaderScope } from "./reader-scope";
import { aclVisible } from "./sql";

const targets = await availableTargets();

/**
 * The explanation traces a mirrored group's grant back to the source's permission and the user's
 * membership, lists the source's grants that matched nobody, and agrees with the ACL predicate
 * search runs (checked under the reader scope for every user and document here).
 */
describe.each(targets)("explain access on %s", (target) => {
  let t: TestDatabase;
  const ids: Record<string, string> = {};
  const docs: Record<string, string> = {};
  const syncedAt = new Date("2026-01-02T03:04:05.000Z");

  const principalOf = async (username: string) => {
    const [u] = await t.db.select().from(users).where(eq(users.username, username));
    const names = (
      await t.db
        .select({ name: groups.name })
        .from(memberships)
        .innerJoin(groups, eq(groups.id, memberships.groupId))
        .where(eq(memberships.userId, u!.id))
    ).map((g) => g.name);
    return {
      userId: u!.id,
      username,
      role: u!.role,
      principals: principalsFor({ userId: u!.id, groups: names }),
      isAdmin: isAdminRole(u!.role),
    };
  };

  beforeAll(async () => {
    t = await createTestDatabase({ target });
    for (const [username, role, disabled] of [
      ["alice", "employee", false],
      ["bob", "employee", false],
      ["root", "admin", false],
      ["gone", "employee", true],
    ] as [string, Role, boolean][]) {
      const [u] = await t.db
        .insert(users)
        .values({ username, displayName: username, role, disabled })
        .returning({ id: users.id });
      ids[username] = u!.id;
    }
    const [src] = await t.db
      .insert(sources)
      .values({ name: `sp-${target}`, kind: "sharepoint", lastPermissionSyncAt: syncedAt })
      .returning();
    const [hr] = await t.db
      .insert(groups)
      .values({ name: "ext-sp-hr-1234abcd", description: "HR (SharePoint)", sourceId: src!.id, externalId: "grp-hr" })
      .returning();
    await t.db.insert(memberships).values([
      { userId: ids.alice!, groupId: hr!.id },
      { userId: ids.gone!, groupId: hr!.id },
    ]);
    const mk = async (
      path: string,
      acl: string[],
      metadata: Record<string, unknown>,
      status: "active" | "superseded" = "active",
    ) => {
      const [d] = await t.db
        .insert(documents)
        .values({ sourceId: src!.id, path, title: path, mime: "text/plain", contentHash: path, acl, metadata, status })
        .returning();
      docs[path] = d!.id;
    };
    await mk("severance.md", ["group:ext-sp-hr-1234abcd", `user:${ids.bob}`], {
      grants: [
        { grant: { kind: "group", externalId: "grp-hr" }, principals: ["group:ext-sp-hr-1234abcd"] },
        { grant: { kind: "user", externalId: "aad-bob", email: "bob@example.com" }, principals: [`user:${ids.bob}`] },
        { grant: { kind: "user", externalId: "aad-x", email: null }, principals: [] },
      ],
    });
    await mk("handbook.md", ["group:everyone"], {});
    await mk("nobody.md", [], { grants: [{ grant: { kind: "anyone-with-link" }, principals: [] }] });
    await mk("old.md", ["group:everyone"], {}, "superseded");
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("a mirrored group's grant: source permission → external group → mirrored group → membership, with the last permission sync", async () => {
    const e = (await explainAccess({
      db: t.db,
      principal: await principalOf("alice"),
      documentId: docs["severance.md"]!,
    }))!;
    expect(e.visible).toBe(true);
    expect(e.reason).toBe("acl");
    expect(e.document.source.lastPermissionSyncAt).toBe(syncedAt.toISOString());
    expect(e.grants).toEqual([
      {
        principal: "group:ext-sp-hr-1234abcd",
        heldAs: "member",
        group: {
          name: "ext-sp-hr-1234abcd",
          description: "HR (SharePoint)",
          mirroredFrom: { sourceId: e.document.source.id, sourceName: `sp-${target}`, externalId: "grp-hr" },
        },
        sourceGrants: [{ kind: "group", externalId: "grp-hr" }],
      },
    ]);
    expect(e.unmatched).toEqual([{ kind: "user", externalId: "aad-x", email: null }]);
    const bob = (await explainAccess({
      db: t.db,
      principal: await principalOf("bob"),
      documentId: docs["severance.md"]!,
    }))!;
    expect(bob.grants.map((g) => [g.principal, g.heldAs, g.sourceGrants])).toEqual([
      [`user:${ids.bob}`, "user", [{ kind: "user", externalId: "aad-bob", email: "bob@example.com" }]],
    ]);
  });

  it("denied, by role, and inactive; null for an unknown document", async () => {
    const nobody = (await explainAccess({
      db: t.db,
      principal: await principalOf("alice"),
      documentId: docs["nobody.md"]!,
    }))!;
    expect([nobody.visible, nobody.reason, nobody.unmatched]).toEqual([
      false,
      "denied",
      [{ kind: "anyone-with-link" }],
    ]);
    const root = (await explainAccess({
      db: t.db,
      principal: await principalOf("root"),
      documentId: docs["nobody.md"]!,
    }))!;
    expect([root.visible, root.reason]).toEqual([true, "admin"]);
    const old = (await explainAccess({ db: t.db, principal: await principalOf("bob"), documentId: docs["old.md"]! }))!;
    expect([old.visible, old.reason]).toEqual([false, "inactive"]);
    expect(
      await explainAccess({
        db: t.db,
        principal: await principalOf("bob"),
        documentId: "00000000-0000-4000-8000-000000000000",
      }),
    ).toBeNull();
  });

  it("who can see it: enabled users by principal or role, the ACL's groups with member counts", async () => {
    const r = (await documentReaders({ db: t.db, documentId: docs["severance.md"]! }))!;
    expect(r.users.map((u) => [u.username, u.via, u.admin])).toEqual([
      ["alice", ["group:ext-sp-hr-1234abcd"], false],
      ["bob", [`user:${ids.bob}`], false],
      ["root", [], true],
    ]);
    expect(r.groups.map((g) => [g.principal, g.members, g.mirroredFrom?.externalId])).toEqual([
      ["group:ext-sp-hr-1234abcd", 2, "grp-hr"],
    ]);
    const handbook = (await documentReaders({ db: t.db, documentId: docs["handbook.md"]! }))!;
    expect(handbook.users.map((u) => u.username)).toEqual(["alice", "bob", "root"]);
    expect(handbook.groups).toEqual([expect.objectContaining({ principal: "group:everyone", members: 3 })]);
  });

  it("agrees with the ACL predicate search runs, for every user and document", async () => {
    for (const username of ["alice", "bob", "root"]) {
      const principal = await principalOf(username);
      const searchable = await withReaderScope({
        db: t.db,
        scope: principal,
        fn: (tx) =>
          tx
            .select({ id: documents.id })
            .from(documents)
            .where(and(eq(documents.status, "active"), aclVisible({ acl: documents.acl, scope: principal }))),
      });
      const seen = new Set(searchable.map((d) => d.id));
      for (const [path, id] of Object.entries(docs)) {
        const e = (await explainAccess({ db: t.db, principal, documentId: id }))!;
        expect(e.visible, `${username} / ${path}`).toBe(seen.has(id));
        const readers = (await documentReaders({ db: t.db, documentId: id }))!;
        expect(
          readers.users.some((u) => u.username === username),
          `${username} in readers of ${path}`,
        ).toBe(seen.has(id));
      }
    }
  });
});
