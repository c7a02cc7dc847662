import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { createGroup } from "./create-group";
import { createSession } from "./create-session";
import { createUser } from "./create-user";
import { deleteSession } from "./delete-session";
import { listGroups } from "./list-groups";
import { listUsers } from "./list-users";
import { readSession } from "./read-session";
import { seedDemoUsers } from "./seed-demo-users";
import { updateUser } from "./update-user";
import { verifyLocalSignIn } from "./verify-local-sign-in";

describe.each(await availableTargets())("users, groups and sessions on %s", (target) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase({ target });
    await seedDemoUsers({ db: db.db });
  });
  afterAll(async () => db?.dispose());

  it("creates groups and users (names trimmed and lowercased); taken names and unknown groups are refused", async () => {
    await createGroup({ db: db.db, name: " Finance ", description: "Money" });
    await expect(createGroup({ db: db.db, name: "finance" })).rejects.toMatchObject({ code: "conflict" });
    await expect(createGroup({ db: db.db, name: "no spaces" })).rejects.toMatchObject({
      code: "bad_request",
      message: "A group name is 1–63 lowercase letters, digits, '-' or '_'.",
    });
    const { id } = await createUser({
      db: db.db,
      username: " Nadia ",
      displayName: "Nadia",
      role: "employee",
      password: "long-enough-pw",
      groupNames: ["finance", "everyone"],
    });
    await expect(
      createUser({
        db: db.db,
        username: "nadia",
        displayName: "N",
        role: "employee",
        password: "long-enough-pw",
        groupNames: [],
      }),
    ).rejects.toMatchObject({ code: "conflict" });
    await expect(
      createUser({
        db: db.db,
        username: "x y",
        displayName: "N",
        role: "employee",
        password: "long-enough-pw",
        groupNames: [],
      }),
    ).rejects.toMatchObject({ code: "bad_request" });
    await expect(
      createUser({
        db: db.db,
        username: "omar",
        displayName: "O",
        role: "employee",
        password: "long-enough-pw",
        groupNames: ["nope"],
      }),
    ).rejects.toMatchObject({ message: "Unknown group: nope." });
    const nadia = (await listUsers({ db: db.db })).find((u) => u.id === id);
    expect(nadia).toMatchObject({ username: "nadia", groups: ["finance"], sso: false, disabled: false });
    expect((await listGroups({ db: db.db })).find((g) => g.name === "finance")).toMatchObject({
      members: 1,
      description: "Money",
    });
    expect(await verifyLocalSignIn({ db: db.db, username: "nadia", password: "long-enough-pw" })).toEqual({
      userId: id,
    });
  });

  it("a session reads back by its token until it is deleted or the user is disabled", async () => {
    const userId = (await listUsers({ db: db.db })).find((u) => u.username === "emma")!.id;
    const { token, csrfToken } = await createSession({ db: db.db, userId });
    expect(await readSession({ db: db.db, token })).toMatchObject({ csrfToken, principal: { username: "emma" } });
    expect(await readSession({ db: db.db, token: "not-a-token" })).toBeNull();
    await deleteSession({ db: db.db, token });
    expect(await readSession({ db: db.db, token })).toBeNull();

    const second = await createSession({ db: db.db, userId });
    const admin = (await listUsers({ db: db.db })).find((u) => u.username === "ada")!;
    expect(await updateUser({ db: db.db, actor: { userId: admin.id }, userId, disabled: true })).toEqual({
      sessionsRevoked: 1,
      before: { disabled: false },
      after: { disabled: true },
    });
    // Only named fields are reported, each with the value read before the change.
    expect(
      await updateUser({ db: db.db, actor: { userId: admin.id }, userId, role: "support", groupNames: ["finance"] }),
    ).toMatchObject({ before: { role: "employee", groups: [] }, after: { role: "support", groups: ["finance"] } });
    expect(await readSession({ db: db.db, token: second.token })).toBeNull();
    await expect(
      updateUser({ db: db.db, actor: { userId: admin.id }, userId: admin.id, role: "employee" }),
    ).rejects.toMatchObject({ code: "bad_request" });
  });
});
