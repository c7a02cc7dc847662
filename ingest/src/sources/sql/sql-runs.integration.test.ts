import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableTargets, type TestDatabase } from "@groundwork/db/testing";
import { startConnectorRunHarness, type ConnectorRunHarness } from "../../testing/connector-run-harness";
import { seedSqlTable, sqlTestDialects, type SqlTable } from "../../testing/sql-table";
import { listRunFiles } from "../../run/runs";
import { createSource } from "../manage-sources";

/**
 * The SQL connector through the real run loop (requestRun → executeRun) on both Groundwork
 * databases and both SQL servers: a row that fails is that row's outcome with a reason, the
 * run goes on, and the keyset cursor moving past it does not lose it — the next run asks for
 * it again by id until it stores or leaves the query's results.
 */
const targets = await availableTargets();
const dialects = await sqlTestDialects();
const combos = targets.flatMap((target) => dialects.map((dialect) => [target, dialect] as const));

if (combos.length === 0) it.skip("no SQL test server is up", () => undefined);

describe.each(combos)("sql source runs on %s against %s", (target, dialect) => {
  let h: ConnectorRunHarness;
  let t: TestDatabase;
  let table: SqlTable;
  const failedOf = async (runId: string) =>
    (await listRunFiles({ db: t.db, runId }))
      .filter((f) => f.outcome === "failed")
      .map((f) => ({ path: f.path, error: f.error }));
  const outcomeOf = async (runId: string, path: string) =>
    (await listRunFiles({ db: t.db, runId })).find((f) => f.path === path)?.outcome;

  beforeAll(async () => {
    h = await startConnectorRunHarness({ target, people: [] });
    t = h.t;
    // Row 3's body is empty: its document cannot be built (a bad value at the source).
    table = await seedSqlTable({
      dialect,
      rows: [1, 2, 3, 4, 5].map((id) => ({
        id,
        title: `Row ${id}`,
        body: id === 3 ? "" : `Body of row ${id}, about topic ${id}.`,
        updatedAt: new Date(Date.UTC(2021, 0, 1) + id * 1000),
      })),
    });
    await createSource({
      db: t.db,
      name: "crm",
      kind: "sql",
      config: table.config(),
      defaultAcl: ["everyone"],
      schedule: null,
    });
  }, 120_000);
  afterAll(async () => {
    await table?.drop();
    await h?.dispose();
  });

  it("reports a failing row with its reason, stores the others, and reports it again on the next run", async () => {
    const first = await h.run({ source: "crm" });
    expect(first.status).toBe("partial");
    expect(first.counts).toMatchObject({ added: 4, failed: 1 });
    expect(await failedOf(first.id)).toEqual([{ path: "3", error: "empty file" }]);
    // Nothing changed at the source: the cursor is past row 3, yet it is not forgotten.
    const second = await h.run({ source: "crm" });
    expect(second.status).toBe("partial");
    expect(second.counts).toMatchObject({ added: 0, failed: 1 });
    expect(await failedOf(second.id)).toEqual([{ path: "3", error: "empty file" }]);
  });

  it("stores the row once it can be read, even when its updated column did not move", async () => {
    await table.touch({ ids: [3], keepUpdatedAt: true, body: () => "Row 3 has a body now." });
    const fixed = await h.run({ source: "crm" });
    expect(fixed.status, fixed.error ?? "").toBe("succeeded");
    expect(fixed.counts).toMatchObject({ added: 1, failed: 0 });
    expect(await outcomeOf(fixed.id, "3")).toBe("added");
    expect(await h.activeCount({ source: "crm" })).toBe(5);
    // Stored: no longer asked for.
    const after = await h.run({ source: "crm" });
    expect(after.status).toBe("succeeded");
    expect(after.counts).toMatchObject({ seen: 0, added: 0, failed: 0 });
  });

  it("lets go of a failing row once it leaves the query's results", async () => {
    await table.insert([{ id: 6, title: "Row 6", body: "", updatedAt: new Date(Date.UTC(2022, 0, 1)) }]);
    const failing = await h.run({ source: "crm" });
    expect(await failedOf(failing.id)).toEqual([{ path: "6", error: "empty file" }]);
    await table.remove([6]);
    const gone = await h.run({ source: "crm" });
    expect(gone.status).toBe("succeeded");
    expect(await failedOf(gone.id)).toEqual([]);
    const quiet = await h.run({ source: "crm" });
    expect(quiet.counts).toMatchObject({ seen: 0, failed: 0 });
    expect(await h.activeCount({ source: "crm" })).toBe(5);
  });
});
