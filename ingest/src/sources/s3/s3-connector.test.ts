import { createHash } from "node:crypto";
import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeAcl } from "@groundwork/access/acl";
import { userPrincipal } from "@groundwork/access/principal";
import { GroundworkError } from "@groundwork/core/errors";
import { pullAll, testConnectorContext } from "../../testing/connector-context";
import { startS3Server, type TestS3Server } from "../../testing/s3-server";
import { isReadable, PULL_PAGE_SIZE, type PullPage, type SourceItem } from "../connector";
import { createNetworkGuard, RetryLaterError } from "../network-guard";
import { explainS3Error } from "./client";
import { s3Connector, s3ConfigSchema } from "./index";

let server: TestS3Server;
let admin: S3Client;
let buckets = 0;

beforeAll(async () => {
  server = await startS3Server();
  admin = new S3Client({
    endpoint: server.endpoint,
    forcePathStyle: true,
    region: "us-east-1",
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    requestChecksumCalculation: "WHEN_REQUIRED",
  });
});
afterAll(async () => {
  admin.destroy();
  await server.stop();
});

async function newBucket(objects: Record<string, string>): Promise<string> {
  const bucket = `bucket-${++buckets}`;
  await admin.send(new CreateBucketCommand({ Bucket: bucket }));
  for (const [key, body] of Object.entries(objects)) await put(bucket, key, body);
  return bucket;
}
const put = (bucket: string, key: string, body: string) =>
  admin.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from(body) }));

const ctx = (overrides: Parameters<typeof testConnectorContext>[0] = {}) =>
  testConnectorContext({
    secrets: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    ...overrides,
  });
const configFor = (bucket: string, extra: Record<string, unknown> = {}) =>
  s3ConfigSchema.parse({ bucket, endpoint: server.endpoint, ...extra });

const itemsOf = (pages: PullPage[]) => pages.flatMap((p) => p.items).filter(isReadable);
const md5 = (text: string) => createHash("md5").update(text).digest("hex");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
/** GETs of object bodies (not listings, not access files) the server has seen for a bucket. */
const bodyGets = (bucket: string) =>
  server.requests.filter(
    (r) =>
      r.method === "GET" &&
      r.path.startsWith(`/${bucket}/`) &&
      r.path.length > bucket.length + 2 &&
      !r.query.has("list-type") &&
      !r.path.endsWith("/.access.yaml"),
  ).length;

describe("s3 connector", () => {
  it("first pull: every parseable object under the prefix, with content, hash, version and access", async () => {
    const bucket = await newBucket({
      "docs/a.md": "# Alpha",
      "docs/b.txt": "bravo",
      "docs/sub/c.html": "<p>charlie</p>",
      "docs/photo.bin": "not a document",
      "docs/folder/": "",
      "other/outside.md": "outside the prefix",
    });
    const pages = await pullAll({ connector: s3Connector, config: configFor(bucket, { prefix: "docs/" }), ctx: ctx() });
    const items = itemsOf(pages);
    expect(items.map((i) => i.id)).toEqual(["docs/a.md", "docs/b.txt", "docs/sub/c.html"]);
    const c = items[2]!;
    expect(c).toMatchObject({
      filename: "c.html",
      url: `s3://${bucket}/docs/sub/c.html`,
      size: "<p>charlie</p>".length,
      version: md5("<p>charlie</p>"),
    });
    expect(c.modifiedAt).toBeInstanceOf(Date);
    expect(await c.hash()).toBe(sha256("<p>charlie</p>"));
    expect(new TextDecoder().decode(await c.read())).toBe("<p>charlie</p>");
    expect(new TextDecoder().decode(await items[0]!.read())).toBe("# Alpha");
    for (const item of items)
      expect(await item.access()).toEqual({ acl: normalizeAcl(["everyone"]), owner: null, tags: [] });
    expect(pages.at(-1)!.checkpoint).toHaveProperty("completedAt");
  });

  it("an unchanged object keeps its version tag and costs no GET; a replaced one gets a new tag; a deleted one leaves listIds", async () => {
    const bucket = await newBucket({ "a.md": "one", "b.md": "two", "c.md": "three" });
    const config = configFor(bucket);
    const first = itemsOf(await pullAll({ connector: s3Connector, config, ctx: ctx() }));
    // The first run hashes everything (nothing is stored yet): one GET each.
    const getsBefore = bodyGets(bucket);
    for (const item of first) await item.hash();
    expect(bodyGets(bucket) - getsBefore).toBe(3);
    const getsAfterFirst = bodyGets(bucket);
    const second = itemsOf(await pullAll({ connector: s3Connector, config, ctx: ctx() }));
    for (const item of second) await item.access();
    expect(second.map((i) => [i.id, i.version])).toEqual(first.map((i) => [i.id, i.version]));
    expect(bodyGets(bucket)).toBe(getsAfterFirst);

    await put(bucket, "b.md", "two, revised");
    const third = itemsOf(await pullAll({ connector: s3Connector, config, ctx: ctx() }));
    const b = third.find((i) => i.id === "b.md")!;
    expect(b.version).not.toBe(first.find((i) => i.id === "b.md")!.version);
    expect(b.version).toBe(md5("two, revised"));
    expect(await b.hash()).toBe(sha256("two, revised"));
    // hash() of a small object keeps its bytes for read(): one GET for both.
    const gets = bodyGets(bucket);
    expect(new TextDecoder().decode(await b.read())).toBe("two, revised");
    expect(bodyGets(bucket)).toBe(gets);
    expect(third.find((i) => i.id === "a.md")!.version).toBe(first[0]!.version);

    await admin.send(new DeleteObjectCommand({ Bucket: bucket, Key: "c.md" }));
    expect(await s3Connector.listIds({ config, ctx: ctx() })).toEqual(["a.md", "b.md"]);
  });

  it("include and exclude globs match the key after the prefix; listIds applies them too", async () => {
    const bucket = await newBucket({
      "kb/guides/setup.md": "setup",
      "kb/guides/draft/wip.md": "wip",
      "kb/notes.txt": "notes",
      "kb/readme.md": "readme",
    });
    const config = configFor(bucket, { prefix: "kb/", include: "guides/**,*.md", exclude: "**/draft/**" });
    const ids = itemsOf(await pullAll({ connector: s3Connector, config, ctx: ctx() })).map((i) => i.id);
    expect(ids).toEqual(["kb/guides/setup.md", "kb/readme.md"]);
    expect(await s3Connector.listIds({ config, ctx: ctx() })).toEqual(ids);
  });

  it("an .access.yaml object governs its sub-prefix like a folder's; a malformed one fails what it governs", async () => {
    const bucket = await newBucket({
      "docs/public.md": "for all",
      "docs/team/.access.yaml": "groups: [engineering]\nusers: [Alice]\nowner: alice\ntags: [Internal]\n",
      "docs/team/plan.md": "team plan",
      "docs/team/deep/notes.md": "deeper",
      "docs/broken/.access.yaml": "groups: 5\n",
      "docs/broken/secret.md": "must not widen",
    });
    const aliceId = "11111111-1111-4111-8111-111111111111";
    const context = ctx({ userIds: new Map([["alice", aliceId]]) });
    const config = configFor(bucket, { prefix: "docs/" });
    const items = itemsOf(await pullAll({ connector: s3Connector, config, ctx: context }));
    const byId = new Map(items.map((i): [string, SourceItem] => [i.id, i]));
    expect([...byId.keys()].sort()).toEqual([
      "docs/broken/secret.md",
      "docs/public.md",
      "docs/team/deep/notes.md",
      "docs/team/plan.md",
    ]);
    const team = { acl: normalizeAcl(["engineering", userPrincipal(aliceId)]), owner: "alice", tags: ["internal"] };
    expect(await byId.get("docs/team/plan.md")!.access()).toEqual(team);
    expect(await byId.get("docs/team/deep/notes.md")!.access()).toEqual(team);
    expect((await byId.get("docs/public.md")!.access()).acl).toEqual(normalizeAcl(["everyone"]));
    await expect(byId.get("docs/broken/secret.md")!.access()).rejects.toThrow(/\.access\.yaml in docs\/broken/);

    const acl = await s3Connector.accessOf!({ config, ids: ["docs/team/plan.md", "docs/public.md"], ctx: context });
    expect(acl.get("docs/team/plan.md")).toEqual(team);
    await expect(s3Connector.accessOf!({ config, ids: ["docs/broken/secret.md"], ctx: context })).rejects.toThrow(
      /invalid/,
    );
  });

  it("pages through a long listing and resumes after a startAfter checkpoint without skipping a key", async () => {
    const keys = Array.from({ length: 150 }, (_, i) => `many/${String(i).padStart(3, "0")}.txt`);
    const bucket = await newBucket(Object.fromEntries(keys.map((k) => [k, `body of ${k}`])));
    const config = configFor(bucket, { maxKeys: 7 });
    const listsBefore = server.requests.filter((r) => r.query.get("list-type") === "2").length;
    const pages = await pullAll({ connector: s3Connector, config, ctx: ctx() });
    // Two passes (access files, then items) of ceil(150 / 7) requests each.
    expect(server.requests.filter((r) => r.query.get("list-type") === "2").length - listsBefore).toBe(2 * 22);
    expect(itemsOf(pages).map((i) => i.id)).toEqual(keys);
    expect(pages.map((p) => p.items.length)).toEqual([PULL_PAGE_SIZE, PULL_PAGE_SIZE, 150 - 2 * PULL_PAGE_SIZE]);
    expect(pages[0]!.checkpoint).toEqual({ startAfter: keys[PULL_PAGE_SIZE - 1] });
    expect(pages[1]!.checkpoint).toEqual({ startAfter: keys[2 * PULL_PAGE_SIZE - 1] });
    expect(pages[2]!.checkpoint).toHaveProperty("completedAt");

    const resumed = await pullAll({ connector: s3Connector, config, checkpoint: pages[0]!.checkpoint, ctx: ctx() });
    expect(itemsOf(resumed).map((i) => i.id)).toEqual(keys.slice(PULL_PAGE_SIZE));
    expect(resumed.at(-1)!.checkpoint).toHaveProperty("completedAt");
    // A completed pass starts over.
    const again = await pullAll({ connector: s3Connector, config, checkpoint: pages[2]!.checkpoint, ctx: ctx() });
    expect(itemsOf(again)).toHaveLength(150);
    expect(await s3Connector.listIds({ config, ctx: ctx() })).toEqual(keys);
  });

  it("refuses an endpoint on a private address unless it is allow-listed, before any request", async () => {
    const bucket = await newBucket({ "a.md": "a" });
    const config = configFor(bucket);
    const guarded = ctx({ guard: createNetworkGuard({ allowHosts: new Set() }) });
    const seen = server.requests.length;
    await expect(pullAll({ connector: s3Connector, config, ctx: guarded })).rejects.toThrow(
      /Refused to connect to 127\.0\.0\.1.*GROUNDWORK_CONNECTOR_ALLOW_HOSTS/,
    );
    await expect(s3Connector.check({ config, ctx: guarded })).rejects.toThrow(/Refused to connect/);
    await expect(s3Connector.listIds({ config, ctx: guarded })).rejects.toThrow(/Refused to connect/);
    expect(server.requests.length).toBe(seen);
    await expect(s3Connector.check({ config, ctx: ctx() })).resolves.toBeUndefined();
  });

  it("checks the address again at connect time: a name that passed the guard but resolves to loopback is refused", async () => {
    const bucket = await newBucket({ "a.md": "a" });
    const port = new URL(server.endpoint).port;
    // As after DNS rebinding: the pre-request check said yes, the socket's lookup finds 127.0.0.1.
    const guard = createNetworkGuard({ allowHosts: new Set() });
    const fooled = ctx({ guard: { ...guard, assertAllowed: async () => undefined } });
    const seen = server.requests.length;
    await expect(
      s3Connector.listIds({ config: configFor(bucket, { endpoint: `http://localhost:${port}` }), ctx: fooled }),
    ).rejects.toThrow(/Refused to connect to localhost \((127\.0\.0\.1|::1)\)/);
    expect(server.requests.length).toBe(seen);
  });

  it("check(): a wrong secret key, a missing bucket and an unreachable endpoint fail with clear errors", async () => {
    const bucket = await newBucket({ "a.md": "a" });
    const wrongSecret = "wrong-secret-Zq81xK";
    const failure = await s3Connector
      .check({
        config: configFor(bucket),
        ctx: ctx({ secrets: { accessKeyId: server.accessKeyId, secretAccessKey: wrongSecret } }),
      })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GroundworkError);
    expect((failure as GroundworkError).code).toBe("bad_request");
    expect((failure as Error).message).toMatch(/secret access key does not belong to access key id S3RVER/);
    expect(JSON.stringify({ message: (failure as Error).message, stack: (failure as Error).stack })).not.toContain(
      wrongSecret,
    );
    await expect(
      s3Connector.listIds({
        config: configFor(bucket),
        ctx: ctx({ secrets: { accessKeyId: server.accessKeyId, secretAccessKey: wrongSecret } }),
      }),
    ).rejects.toThrow(/rejected the request signature/);

    await expect(s3Connector.check({ config: configFor("no-such-bucket"), ctx: ctx() })).rejects.toThrow(
      /Bucket "no-such-bucket" does not exist at http:\/\/127\.0\.0\.1:\d+/,
    );
    await expect(
      s3Connector.check({ config: configFor(bucket, { endpoint: "http://127.0.0.1:9" }), ctx: ctx() }),
    ).rejects.toThrow(/Cannot reach http:\/\/127\.0\.0\.1:9/);
    await expect(
      s3Connector.check({ config: configFor(bucket), ctx: ctx({ secrets: { accessKeyId: "only-the-id" } }) }),
    ).rejects.toThrow(/both the access key id/);
  });

  it("bounds the GET: an object grown past the file limit after listing fails that item", async () => {
    const bucket = await newBucket({ "big.txt": "x".repeat(2000) });
    const previous = process.env.GROUNDWORK_INGEST_MAX_FILE_MB;
    process.env.GROUNDWORK_INGEST_MAX_FILE_MB = String(1000 / (1024 * 1024));
    try {
      const [item] = itemsOf(await pullAll({ connector: s3Connector, config: configFor(bucket), ctx: ctx() }));
      expect(item!.size).toBe(2000);
      await expect(item!.read()).rejects.toThrow(/big\.txt is too large \(2000 bytes, limit 1000\)/);
    } finally {
      if (previous === undefined) delete process.env.GROUNDWORK_INGEST_MAX_FILE_MB;
      else process.env.GROUNDWORK_INGEST_MAX_FILE_MB = previous;
    }
  });

  it("throttling beyond the SDK's retries becomes RetryLaterError with the server's wait", () => {
    const slowDown = Object.assign(new Error("Please reduce your request rate."), {
      name: "SlowDown",
      $metadata: { httpStatusCode: 503 },
      $response: { headers: { "retry-after": "120" } },
    });
    const error = explainS3Error({
      error: slowDown,
      bucket: "b",
      where: "AWS S3 (us-east-1)",
      region: "us-east-1",
      accessKeyId: "AKIA",
      secrets: [],
    });
    expect(error).toBeInstanceOf(RetryLaterError);
    expect((error as RetryLaterError).retryAfterMs).toBe(120_000);
    const tooMany = explainS3Error({
      error: Object.assign(new Error("busy"), { name: "TooManyRequests", $metadata: { httpStatusCode: 429 } }),
      bucket: "b",
      where: "w",
      region: "r",
      accessKeyId: undefined,
      secrets: [],
    });
    expect((tooMany as RetryLaterError).retryAfterMs).toBe(60_000);
  });
});
