import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTargets, createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { testConnectorContext } from "../../testing/connector-context";
import { createSource } from "../manage-sources";
import { pushConnector } from "./index";
import { putPushedDocument } from "./put-pushed-documents";

describe.each(await availableTargets())("push connector pull on %s", (target) => {
  let db: TestDatabase;
  let sourceId: string;
  const push = (id: string, content: string) =>
    putPushedDocument({
      db: db.db,
      source: "inbox",
      externalId: id,
      input: { content, contentType: "text" },
      pushedBy: null,
    });

  beforeAll(async () => {
    db = await createTestDatabase({ target });
    sourceId = (await createSource({ db: db.db, name: "inbox", kind: "push" })).id;
  });
  afterAll(async () => db?.dispose());

  it("reads the inbox as it stood when the pull began: a row changed mid-run waits for the next run", async () => {
    await push("a", "first version of a");
    await push("b", "first version of b");
    const ctx = testConnectorContext({ sourceId, db: db.db });
    const pages = pushConnector.pull({ config: {}, checkpoint: null, ctx })[Symbol.asyncIterator]();
    const first = await pages.next();
    if (first.done) throw new Error("the first pull read nothing");
    expect(first.value.items.map((i) => i.id)).toEqual(["a", "b"]);
    // Changed after its page was read: offering it again in this run would be dropped as a repeat.
    await push("a", "second version of a");
    expect((await pages.next()).done).toBe(true);

    const next: string[] = [];
    for await (const page of pushConnector.pull({ config: {}, checkpoint: first.value.checkpoint, ctx }))
      next.push(...page.items.map((i) => i.id));
    expect(next).toEqual(["a"]);
  });
});
