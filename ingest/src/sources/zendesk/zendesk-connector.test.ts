import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupPrincipal } from "@groundwork/access/principal";
import { pullAll, testConnectorContext, testIdentities } from "../../testing/connector-context";
import { startZendeskServer, type ZendeskServer } from "../../testing/zendesk-server";
import { isReadable, isReauthorizationError, PULL_PAGE_SIZE, type PullPage, type SourceItem } from "../connector";
import { mirroredGroupName } from "../external-access";
import { RetryLaterError } from "../network-guard";
import {
  ARTICLE_PUBLISHED_EVENT,
  ARTICLE_UNPUBLISHED_EVENT,
  ARTICLE_VOTE_CREATED_EVENT,
  SIGNATURE_EXAMPLE,
  USER_GROUP_MEMBERSHIP_DELETED_EVENT,
} from "./fixtures/reference-payloads";
import { zendeskConfigSchema, zendeskConnector } from "./index";
import { verifyZendeskSignature, zendeskSignature } from "./receive-notification";
import { segmentGroupId, STAFF_GROUP, zendeskGroupId } from "./segment-access";

let zd: ZendeskServer;

// Groundwork users (verified e-mails → ids), as the framework would match them.
const gw = {
  alice: "11111111-1111-4111-8111-111111111111", // agent in group 10 (Tier 2)
  bob: "22222222-2222-4222-8222-222222222222", // agent, no group
  carol: "33333333-3333-4333-8333-333333333333", // end user in organisation 500
  dave: "44444444-4444-4444-8444-444444444444", // end user, no organisation
};
const emails = new Map([
  ["alice@example.com", gw.alice],
  ["Bob@Example.com", gw.bob],
  ["carol@example.com", gw.carol],
  ["dave@example.com", gw.dave],
]);

beforeAll(async () => {
  zd = await startZendeskServer();
  zd.putCategory({ id: 1, name: "Support playbooks" });
  zd.putSection({ id: 2, name: "Refunds", categoryId: 1 });
  zd.putUser({ id: 101, email: "alice@example.com", role: "agent" });
  zd.putUser({ id: 102, email: "bob@example.com", role: "admin" });
  zd.putUser({ id: 103, email: "carol@example.com", role: "end-user", organizationId: 500 });
  zd.putUser({ id: 104, email: "dave@example.com", role: "end-user" });
  zd.putUser({ id: 105, email: null, role: "agent" }); // hidden e-mail
  zd.putUser({ id: 106, email: "dave@example.com", role: "agent", verified: false }); // unverified copy of dave's address
  zd.putUser({ id: 107, email: "stranger@elsewhere.example", role: "agent" }); // no Groundwork account
  zd.putGroup({ id: 10, name: "Tier 2", members: [101, 105] });
  zd.putGroup({ id: 11, name: "Nobody here", members: [107, 106] });
  zd.putOrganization({ id: 500, name: "Acme Corp", members: [103] });
  zd.putSegment({ id: 20, name: "Signed-in users", userType: "signed_in_users" });
  zd.putSegment({ id: 21, name: "Agents and managers", userType: "staff" });
  zd.putSegment({ id: 22, name: "Tier 2 agents", userType: "staff", groupIds: [10] });
  zd.putSegment({ id: 23, name: "Acme customers", userType: "signed_in_users", organizationIds: [500] });
  zd.putSegment({ id: 24, name: "VIP", userType: "signed_in_users", tags: ["vip"], addedUserIds: [104] });
  zd.putSegment({ id: 25, name: "Nobody", userType: "staff", groupIds: [11] });
  zd.putArticle({ id: 1001, title: "Public refund policy", body: "<p>Refunds within 30 days.</p>", sectionId: 2 });
  zd.putArticle({ id: 1002, title: "Signed-in FAQ", body: "<p>Sign in first.</p>", segmentId: 20 });
  zd.putArticle({ id: 1003, title: "Agent macros", body: "<p>Use macro 7.</p>", segmentId: 21 });
  zd.putArticle({ id: 1004, title: "Tier 2 escalations", body: "<p>Escalate to L3.</p>", segmentId: 22 });
  zd.putArticle({ id: 1005, title: "Acme contract", body: "<p>Acme SLA.</p>", segmentId: 23, labels: ["Contract"] });
  zd.putArticle({ id: 1006, title: "VIP perks", body: "<p>VIP only.</p>", segmentId: 24 });
  zd.putArticle({ id: 1007, title: "Draft: new policy", body: "<p>Not yet.</p>", draft: true });
  zd.putArticle({ id: 1008, title: "Either segment", body: "<p>Two segments.</p>", segmentIds: [22, 23] });
  zd.putArticle({ id: 1009, title: "Nobody's", body: "<p>Matches nobody.</p>", segmentId: 25 });
  zd.putArticle({ id: 1010, title: "Unknown segment", body: "<p>Segment 999.</p>", segmentId: 999 });
});
afterAll(() => zd.close());

const config = (extra: Record<string, unknown> = {}) =>
  zendeskConfigSchema.parse({ url: zd.url, email: zd.email, organisationGroup: "support", ...extra });
const ctx = (overrides: Parameters<typeof testConnectorContext>[0] = {}) =>
  testConnectorContext({
    secrets: { apiToken: zd.apiToken },
    identities: testIdentities({ users: emails, config: { organisationGroup: "support" } }),
    ...overrides,
  });
const itemsOf = (pages: PullPage[]) => pages.flatMap((p) => p.items).filter(isReadable);
const text = async (item: SourceItem) => new TextDecoder().decode(await item.read());
const group = (externalId: string, name: string) =>
  groupPrincipal(mirroredGroupName({ sourceName: "test-source", externalId, name }));

describe("zendesk connector: content", () => {
  it("pulls published articles with title, URL, breadcrumb and body; a draft is reported deleted, never indexed", async () => {
    const pages = await pullAll({ connector: zendeskConnector, config: config(), ctx: ctx() });
    const items = itemsOf(pages);
    expect(items.map((i) => i.id).sort()).toEqual(
      ["1001", "1002", "1003", "1004", "1005", "1006", "1008", "1009", "1010"].sort(),
    );
    expect(pages.flatMap((p) => p.deleted ?? [])).toEqual(["1007"]);
    const refund = items.find((i) => i.id === "1001")!;
    expect(refund).toMatchObject({
      filename: "1001.html",
      title: "Public refund policy",
      url: `${zd.url}/hc/en-us/articles/1001`,
    });
    expect(refund.version).toMatch(/^\d{4}-\d\d-\d\dT/);
    const html = await text(refund);
    expect(html).toContain("<title>Public refund policy</title>");
    expect(html).toContain("Support playbooks › Refunds");
    expect(html).toContain("<p>Refunds within 30 days.</p>");
    expect(await refund.hash()).toMatch(/^[0-9a-f]{64}$/);
    expect(pages.at(-1)!.checkpoint.startTime).toBeGreaterThan(0);
    expect(pages.at(-1)!.checkpoint.startTime).toBeLessThanOrEqual(zd.clock());
  });

  it("pages the incremental export by end_time and resumes from any page's checkpoint without skipping an article", async () => {
    const server = await startZendeskServer();
    try {
      server.incrementalPageSize = 50;
      for (let i = 0; i < 150; i++) server.putArticle({ id: 5000 + i, title: `A${i}`, body: `<p>${i}</p>` });
      const c = zendeskConfigSchema.parse({ url: server.url, email: server.email });
      const x = testConnectorContext({ secrets: { apiToken: server.apiToken } });
      const pages = await pullAll({ connector: zendeskConnector, config: c, ctx: x });
      const ids = itemsOf(pages).map((i) => i.id);
      expect(new Set(ids).size).toBe(150);
      // Each answer of 50 is cut into pages of PULL_PAGE_SIZE (64 > 50: one page each); answers overlap by the boundary article.
      const exports = server.requests.filter((r) => r.path.startsWith("/api/v2/help_center/incremental/articles"));
      expect(exports.map((r) => Number(r.query.get("start_time")))).toEqual([
        0,
        Number(pages[0]!.checkpoint.startTime),
        Number(pages[1]!.checkpoint.startTime),
        Number(pages[2]!.checkpoint.startTime),
      ]);
      for (const [i, page] of pages.entries()) {
        // Simulates a run killed after page i committed: the resume sees every later article.
        const resumed = itemsOf(
          await pullAll({ connector: zendeskConnector, config: c, checkpoint: page.checkpoint, ctx: x }),
        );
        const later = new Set(pages.slice(i + 1).flatMap((p) => p.items.map((it) => it.id)));
        for (const id of later) expect(resumed.map((r) => r.id)).toContain(id);
      }
      // An edit after the last checkpoint is all the next incremental run sees (and the boundary article).
      server.putArticle({ id: 5003, title: "A3 edited", body: "<p>edited</p>" });
      const next = itemsOf(
        await pullAll({ connector: zendeskConnector, config: c, checkpoint: pages.at(-1)!.checkpoint, ctx: x }),
      );
      expect(next.map((i) => i.id)).toContain("5003");
      expect(next.length).toBeLessThanOrEqual(2);
      expect(PULL_PAGE_SIZE).toBeGreaterThan(50);
    } finally {
      await server.close();
    }
  });

  it("lists every published id over cursor pages (page[size], links.next) for pruning", async () => {
    const before = zd.requests.length;
    const ids = await zendeskConnector.listIds({ config: config({ pageSize: 3 }), ctx: ctx() });
    expect(ids!.sort()).toEqual(["1001", "1002", "1003", "1004", "1005", "1006", "1008", "1009", "1010"].sort());
    const lists = zd.requests.slice(before).filter((r) => r.path === "/api/v2/help_center/articles");
    expect(lists).toHaveLength(4); // 10 articles, 3 per page
    expect(lists.slice(1).every((r) => r.query.get("page[after]"))).toBe(true);
  });

  it("honours 429 Retry-After and goes on; a wait beyond a minute goes to the scheduler", async () => {
    zd.throttle(2, 1);
    const before = zd.requests.length;
    const ids = await zendeskConnector.listIds({ config: config(), ctx: ctx() });
    expect(ids).toHaveLength(9);
    expect(zd.requests.slice(before).filter((r) => r.status === 429)).toHaveLength(2);
    zd.throttle(1, 3600);
    await expect(zendeskConnector.listIds({ config: config(), ctx: ctx() })).rejects.toBeInstanceOf(RetryLaterError);
  });

  it("a refused token is a re-authorisation error (documents kept), and check() says what to fix", async () => {
    zd.revokeToken();
    try {
      const failure = await pullAll({ connector: zendeskConnector, config: config(), ctx: ctx() }).catch(
        (e: unknown) => e,
      );
      expect(isReauthorizationError(failure)).toBe(true);
      expect((failure as Error).message).toMatch(/refused the credentials \(HTTP 401\)/);
      await expect(zendeskConnector.check({ config: config(), ctx: ctx() })).rejects.toThrow(/--api-token/);
    } finally {
      zd.restoreToken();
    }
    await expect(zendeskConnector.check({ config: config(), ctx: ctx() })).resolves.toBeUndefined();
    await expect(zendeskConnector.check({ config: config(), ctx: ctx({ secrets: {} }) })).rejects.toThrow(/API token/);
    await expect(
      zendeskConnector.check({ config: config(), ctx: ctx({ secrets: { apiToken: "wrong" } }) }),
    ).rejects.toThrow(/refused the credentials/);
  });

  it("refuses a private address that is not allow-listed before sending the token", async () => {
    const { createNetworkGuard } = await import("../network-guard");
    const before = zd.requests.length;
    await expect(
      zendeskConnector.listIds({
        config: config(),
        ctx: ctx({ guard: createNetworkGuard({ allowHosts: new Set() }) }),
      }),
    ).rejects.toThrow(/Use https:\/\//);
    await expect(
      zendeskConnector.listIds({
        config: config({ url: zd.url.replace("http:", "https:") }),
        ctx: ctx({ guard: createNetworkGuard({ allowHosts: new Set() }) }),
      }),
    ).rejects.toThrow(/Refused to connect to 127\.0\.0\.1/);
    expect(zd.requests.length).toBe(before);
  });
});

describe("zendesk connector: segments → access", () => {
  async function decided() {
    const identities = testIdentities({ users: emails, config: { organisationGroup: "support" } });
    const context = ctx({ identities });
    await identities.mirrorGroups(await zendeskConnector.syncIdentities!({ config: config(), ctx: context }));
    const items = itemsOf(await pullAll({ connector: zendeskConnector, config: config(), ctx: context }));
    const access = new Map<string, string[]>();
    for (const item of items) access.set(item.id, (await item.access()).acl);
    return { identities, access, context };
  }
  const members = (identities: ReturnType<typeof testIdentities>, externalId: string) =>
    [...identities.mirrored.values()].find((g) => g.externalId === externalId)?.members;

  it("maps each kind of segment, deny by default", async () => {
    const { identities, access, context } = await decided();
    const seg = (id: number, name: string) => group(segmentGroupId(String(id)), `segment ${name}`);
    // No segment: everyone, anonymous included → every Groundwork user.
    expect(access.get("1001")).toEqual([groupPrincipal("everyone")]);
    // Built-in signed-in users → the configured organisation group.
    expect(access.get("1002")).toEqual([groupPrincipal("support")]);
    expect(access.get("1003")).toEqual([seg(21, "Agents and managers")]);
    // Staff: agents and admins with a verified e-mail a Groundwork user holds; never end users.
    expect(members(identities, segmentGroupId("21"))).toEqual([gw.alice, gw.bob].sort());
    // Group-restricted: Tier 2's members only (the hidden-e-mail agent matches nobody).
    expect(members(identities, segmentGroupId("22"))).toEqual([gw.alice]);
    // Organisation-restricted: the organisation's users, and every agent (Zendesk ignores organisations for agents).
    expect(members(identities, segmentGroupId("23"))).toEqual([gw.alice, gw.bob, gw.carol].sort());
    expect(
      (
        await itemsOf(await pullAll({ connector: zendeskConnector, config: config(), ctx: context }))
          .find((i) => i.id === "1005")!
          .access()
      ).tags,
    ).toEqual(["contract"]);
    // Tags cannot be evaluated: only the user added by hand, never everyone the tag might match.
    expect(members(identities, segmentGroupId("24"))).toEqual([gw.dave]);
    expect(context.logs.some((l) => l.message.includes("added users only") && l.fields?.segment === "24")).toBe(true);
    // Several segments: any of them.
    expect(access.get("1008")).toEqual([seg(22, "Tier 2 agents"), seg(23, "Acme customers")].sort());
    // A group whose members match no Groundwork user (unverified, unknown e-mail): a principal nobody holds.
    expect(members(identities, segmentGroupId("25"))).toEqual([]);
    expect(members(identities, zendeskGroupId("11"))).toEqual([]);
    // A segment Zendesk does not list: admins only, logged.
    expect(access.get("1010")).toEqual([]);
    expect(context.logs.some((l) => l.message.includes("segments Zendesk does not list"))).toBe(true);
    expect(members(identities, STAFF_GROUP)).toEqual([gw.alice, gw.bob].sort());
  });

  it("without an organisation group, signed-in-only articles are admins-only", async () => {
    const identities = testIdentities({ users: emails });
    const context = ctx({ identities });
    await identities.mirrorGroups(await zendeskConnector.syncIdentities!({ config: config(), ctx: context }));
    const item = itemsOf(await pullAll({ connector: zendeskConnector, config: config(), ctx: context })).find(
      (i) => i.id === "1002",
    )!;
    expect((await item.access()).acl).toEqual([]);
  });

  it("accessOf decides stored articles from their kept segment ids without reading them", async () => {
    const { identities } = await decided();
    const previous = new Map([
      [
        "1004",
        { version: "v", sourceMeta: { segmentIds: ["22"], sectionId: null, permissionGroupId: null, labels: [] } },
      ],
    ]);
    const before = zd.requests.length;
    const access = await zendeskConnector.accessOf!({
      config: config(),
      ids: ["1004", "1001", "404404"],
      ctx: ctx({ identities, previous }),
    });
    const asked = zd.requests.slice(before).map((r) => r.path);
    expect(asked).not.toContain("/api/v2/help_center/articles/1004");
    expect(asked).toContain("/api/v2/help_center/articles/1001");
    expect(access.get("1004")!.acl).toEqual([group(segmentGroupId("22"), "segment Tier 2 agents")]);
    expect(access.get("1001")!.acl).toEqual([groupPrincipal("everyone")]);
    // Gone at the source: nobody, never the source default.
    expect(access.get("404404")!.acl).toEqual([]);
  });

  it("a segment narrowed at the source leaves its mirrored group at the next identity sync", async () => {
    const { identities } = await decided();
    expect(members(identities, segmentGroupId("23"))).toContain(gw.carol);
    zd.putSegment({ id: 23, name: "Acme customers", userType: "staff" });
    try {
      await identities.mirrorGroups(
        await zendeskConnector.syncIdentities!({ config: config(), ctx: ctx({ identities }) }),
      );
      expect(members(identities, segmentGroupId("23"))).not.toContain(gw.carol);
    } finally {
      zd.putSegment({ id: 23, name: "Acme customers", userType: "signed_in_users", organizationIds: [500] });
    }
  });
});

describe("zendesk connector: notifications", () => {
  const signed = (payload: unknown, { secret = "whsec-zd", at = new Date() }: { secret?: string; at?: Date } = {}) => {
    const body = new TextEncoder().encode(JSON.stringify(payload));
    const timestamp = at.toISOString().replace(/\.\d{3}Z$/, "Z");
    const headers = new Headers({
      "x-zendesk-webhook-signature": zendeskSignature({ secret, timestamp, body }),
      "x-zendesk-webhook-signature-timestamp": timestamp,
    });
    return { body, headers };
  };
  const receive = (r: { body: Uint8Array; headers: Headers }, extra: Record<string, unknown> = {}) =>
    zendeskConnector.receiveNotification!({
      config: config({ webhookSigningSecret: "whsec-zd", ...extra }),
      secret: "gwh_unused",
      url: new URL("http://localhost/api/hooks/sources/x"),
      ...r,
    });

  it("the reference's signing example verifies (timestamp then body, base64 HMAC-SHA256)", () => {
    const { secret, timestamp, body, signature } = SIGNATURE_EXAMPLE;
    const headers = new Headers({
      "x-zendesk-webhook-signature": signature,
      "x-zendesk-webhook-signature-timestamp": timestamp,
    });
    const bytes = new TextEncoder().encode(body);
    expect(verifyZendeskSignature({ secret, headers, body: bytes, now: Date.parse(timestamp) + 1000 })).toBe(true);
    expect(verifyZendeskSignature({ secret: `${secret}x`, headers, body: bytes, now: Date.parse(timestamp) })).toBe(
      false,
    );
  });

  it("article events target the article; identity events run permissions; votes are acknowledged without a run", async () => {
    expect(await receive(signed(ARTICLE_PUBLISHED_EVENT))).toEqual({ kind: "changes", ids: ["7005414006398"] });
    expect(await receive(signed(ARTICLE_UNPUBLISHED_EVENT))).toEqual({ kind: "changes", ids: ["7005414006398"] });
    expect(await receive(signed(USER_GROUP_MEMBERSHIP_DELETED_EVENT))).toEqual({
      kind: "changes",
      ids: null,
      aclOnly: true,
    });
    expect(await receive(signed(ARTICLE_VOTE_CREATED_EVENT))).toMatchObject({ kind: "respond", status: 200 });
  });

  it("rejects a wrong signature, a tampered body, a stale or future timestamp, and any request when no signing secret is set", async () => {
    expect(await receive(signed(ARTICLE_PUBLISHED_EVENT, { secret: "other" }))).toEqual({ kind: "rejected" });
    const ok = signed(ARTICLE_PUBLISHED_EVENT);
    expect(
      await receive({
        ...ok,
        body: new TextEncoder().encode(JSON.stringify({ ...ARTICLE_PUBLISHED_EVENT, subject: "zen:article:1" })),
      }),
    ).toEqual({ kind: "rejected" });
    expect(await receive(signed(ARTICLE_PUBLISHED_EVENT, { at: new Date(Date.now() - 6 * 60_000) }))).toEqual({
      kind: "rejected",
    });
    expect(await receive(signed(ARTICLE_PUBLISHED_EVENT, { at: new Date(Date.now() + 6 * 60_000) }))).toEqual({
      kind: "rejected",
    });
    expect(await receive({ body: ok.body, headers: new Headers() })).toEqual({ kind: "rejected" });
    expect(await receive(ok, { webhookSigningSecret: undefined })).toEqual({ kind: "rejected" });
  });

  it("a targeted pull fetches the named articles: an unpublished (draft) or deleted one is gone", async () => {
    zd.putArticle({ id: 1011, title: "Soon unpublished", body: "<p>x</p>" });
    const first = await collect(zendeskConnector.pullItems!({ config: config(), ids: ["1011"], ctx: ctx() }));
    expect(first.flatMap((p) => p.items.map((i) => i.id))).toEqual(["1011"]);
    zd.putArticle({ id: 1011, title: "Soon unpublished", body: "<p>x</p>", draft: true });
    zd.deleteArticle(1001);
    try {
      const after = await collect(zendeskConnector.pullItems!({ config: config(), ids: ["1011", "1001"], ctx: ctx() }));
      expect(after.flatMap((p) => p.items)).toEqual([]);
      expect(after.flatMap((p) => p.deleted ?? []).sort()).toEqual(["1001", "1011"]);
    } finally {
      zd.putArticle({ id: 1001, title: "Public refund policy", body: "<p>Refunds within 30 days.</p>", sectionId: 2 });
      zd.deleteArticle(1011);
    }
  });
});

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
