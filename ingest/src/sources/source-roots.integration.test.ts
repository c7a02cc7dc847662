import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@groundwork/db/testing";
import { createSource } from "./manage-sources";
import { confineSourcePath } from "./source-roots";
import { storeUpload } from "../store/store-upload";

/**
 * The server often runs as root: a source path is a way to read any folder, and an upload
 * source a way to create folders and write files anywhere. Both are confined to
 * GROUNDWORK_SOURCE_ROOTS, checked on real paths (symlinks resolved).
 */
describe("source paths are confined to the configured roots", () => {
  let t: TestDatabase;
  let allowed: string;
  let outside: string;
  const saved = process.env.GROUNDWORK_SOURCE_ROOTS;

  beforeAll(async () => {
    t = await createTestDatabase({ target: "embedded" });
    allowed = fs.mkdtempSync(path.join(os.tmpdir(), "gw-roots-in-"));
    outside = fs.mkdtempSync(path.join(os.tmpdir(), "gw-roots-out-"));
    fs.writeFileSync(path.join(outside, "secret.md"), "# Secret\n\nroot-only text");
    process.env.GROUNDWORK_SOURCE_ROOTS = allowed;
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.GROUNDWORK_SOURCE_ROOTS;
    else process.env.GROUNDWORK_SOURCE_ROOTS = saved;
    await t.close();
    fs.rmSync(allowed, { recursive: true, force: true });
    fs.rmSync(outside, { recursive: true, force: true });
  });

  const refused = { code: "bad_request", message: expect.stringMatching(/must be inside .*GROUNDWORK_SOURCE_ROOTS/) };

  it("refuses a folder source outside the roots (/etc), naming the roots", async () => {
    await expect(createSource({ db: t.db, name: "etc", kind: "folder", path: "/etc" })).rejects.toMatchObject(refused);
    await expect(createSource({ db: t.db, name: "etc", kind: "folder", path: "/etc" })).rejects.toThrow(allowed);
  });

  it("refuses '..' escapes and a symlink inside a root that points out of it", async () => {
    await expect(
      createSource({ db: t.db, name: "dotdot", kind: "folder", path: `${allowed}/../${path.basename(outside)}` }),
    ).rejects.toMatchObject({ code: "bad_request" });
    fs.symlinkSync(outside, path.join(allowed, "link-out"));
    await expect(
      createSource({ db: t.db, name: "link", kind: "folder", path: path.join(allowed, "link-out") }),
    ).rejects.toMatchObject(refused);
  });

  it("accepts a folder inside a root and stores its real path", async () => {
    fs.mkdirSync(path.join(allowed, "docs"));
    const src = await createSource({ db: t.db, name: "docs", kind: "folder", path: path.join(allowed, "docs") });
    expect(src.config.path).toBe(fs.realpathSync(path.join(allowed, "docs")));
  });

  it("refuses an upload source outside the roots without creating its directory", async () => {
    const target = path.join(outside, "made-by-upload");
    await expect(createSource({ db: t.db, name: "up-out", kind: "upload", path: target })).rejects.toMatchObject(
      refused,
    );
    expect(fs.existsSync(target)).toBe(false);
  });

  it("re-checks a stored source on use: a row pointing outside the roots cannot be written through", async () => {
    const up = await createSource({ db: t.db, name: "up", kind: "upload", path: path.join(allowed, "up") });
    expect(up.config.path).toBe(fs.realpathSync(path.join(allowed, "up")));
    process.env.GROUNDWORK_SOURCE_ROOTS = path.join(allowed, "docs");
    try {
      await expect(
        storeUpload({ db: t.db, source: "up", filename: "a.md", bytes: Buffer.from("# A"), acl: [] }),
      ).rejects.toMatchObject(refused);
    } finally {
      process.env.GROUNDWORK_SOURCE_ROOTS = allowed;
    }
  });

  it("never writes through a symlink planted in an upload source", async () => {
    const root = fs.realpathSync(path.join(allowed, "up"));
    // A link in place of the file: the upload replaces the link, the outside file is untouched.
    fs.symlinkSync(path.join(outside, "secret.md"), path.join(root, "notes.md"));
    await storeUpload({
      db: t.db,
      source: "up",
      filename: "notes.md",
      bytes: Buffer.from("# Notes\n\nuploaded"),
      acl: ["everyone"],
    });
    expect(fs.readFileSync(path.join(outside, "secret.md"), "utf8")).toContain("root-only text");
    expect(fs.lstatSync(path.join(root, "notes.md")).isSymbolicLink()).toBe(false);
    // A link in place of the ACL folder: refused, nothing written outside.
    fs.rmSync(path.join(root, ".groundwork-acl"), { recursive: true, force: true });
    fs.symlinkSync(outside, path.join(root, ".groundwork-acl"));
    await expect(
      storeUpload({ db: t.db, source: "up", filename: "more.md", bytes: Buffer.from("# More"), acl: [] }),
    ).rejects.toMatchObject({ code: "bad_request" });
    expect(fs.readdirSync(outside).sort()).toEqual(["secret.md"]);
  });

  it("confineSourcePath rejects NUL bytes and relative climbs", () => {
    expect(() => confineSourcePath({ dir: `${allowed}/a\0b` })).toThrow(/NUL/);
    expect(() => confineSourcePath({ dir: "../../etc" })).toThrow(/'\.\.'/);
  });
});
