import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupPrincipal, userPrincipal } from "@groundwork/access/principal";
import { parseHtml } from "../../parse/parse-html";
import { pullAll, testConnectorContext, testIdentities } from "../../testing/connector-context";
import { startConfluenceServer, type ConfluenceServer } from "../../testing/confluence-server";
import { makeDocx, makePdf } from "../../testing/make-fixtures";
import { isReadable, isReauthorizationError, type PullPage, type SourceItem } from "../connector";
import { mirroredGroupName } from "../external-access";
import { RetryLaterError } from "../network-guard";
import { pageGrants } from "./access";
import { nextFromLinkHeader } from "./client";
import {
  COMMENT_CREATED_EVENT,
  GROUP_MEMBERS_EXAMPLE,
  PAGE_RESTRICTION_UPDATED_EVENT,
  PAGE_TRASHED_EVENT,
  PAGE_UPDATED_EVENT,
  READ_RESTRICTION_EXAMPLE,
  SPACE_PERMISSIONS_DC_EXAMPLE,
  SPACE_PERMISSION_V2_EXAMPLE,
} from "./fixtures/reference-payloads";
import { confluenceConfigSchema, confluenceConnector, type ConfluenceConfig } from "./index";
import { confluenceSignature, verifyConfluenceSignature } from "./receive-notification";
import { storageToHtml } from "./storage-format";
import {
  readRestrictionSchema,
  spacePermissionDcSchema,
  spacePermissionV2Schema,
  userSchema,
  v1ListSchema,
} from "./wire";

const gw = {
  alice: "11111111-1111-4111-8111-111111111111", // engineers
  bob: "22222222-2222-4222-8222-222222222222", // engineers, leads
  carol: "33333333-3333-4333-8333-333333333333", // leads only (not an engineer)
  dave: "44444444-4444-4444-8444-444444444444", // no group; named on the space directly
};
const emails = new Map([
  ["alice@example.com", gw.alice],
  ["bob@example.com", gw.bob],
  ["carol@example.com", gw.carol],
  ["dave@example.com", gw.dave],
]);

const STORAGE = `<h2>Deploying</h2>
<p>Run the deploy&nbsp;script.</p>
<ac:structured-macro ac:name="code" ac:schema-version="1"><ac:parameter ac:name="language">bash</ac:parameter><ac:parameter ac:name="title">deploy.sh</ac:parameter><ac:plain-text-body><![CDATA[./deploy --env <prod> && echo done]]></ac:plain-text-body></ac:structured-macro>
<ac:structured-macro ac:name="warning"><ac:parameter ac:name="title">Freeze</ac:parameter><ac:rich-text-body><p>No deploys on Fridays.</p></ac:rich-text-body></ac:structured-macro>
<ac:structured-macro ac:name="info"><ac:rich-text-body><p>Ask in #releases.</p></ac:rich-text-body></ac:structured-macro>
<table><tbody><tr><th>Env</th><th>Owner</th></tr><tr><td>prod</td><td>SRE</td></tr></tbody></table>
<ac:structured-macro ac:name="excerpt"><ac:rich-text-body><p>Deploys go through the pipeline.</p></ac:rich-text-body></ac:structured-macro>
<ac:structured-macro ac:name="excerpt-include"><ac:parameter ac:name=""><ac:link><ri:page ri:content-title="Release policy" /></ac:link></ac:parameter></ac:structured-macro>
<ac:structured-macro ac:name="toc" />
<p>See <ac:link><ri:page ri:content-title="Rollbacks" /></ac:link> and <ac:link><ri:user ri:account-id="5b10ac8d82e05b22cc7d4ef5" /></ac:link>.</p>
<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>Tag the release</ac:task-body></ac:task></ac:task-list>
<ac:image><ri:attachment ri:filename="diagram.png" /></ac:image>`;

async function seed(server: ConfluenceServer) {
  const cloud = server.deployment === "cloud";
  // Data Center names groups by name; Cloud by id.
  const g = (id: string, name: string) => (cloud ? id : name);
  server.putUser({ id: "u-alice", email: "alice@example.com", name: "alice" });
  server.putUser({ id: "u-bob", email: "Bob@Example.com", name: "bob" });
  server.putUser({ id: "u-carol", email: "carol@example.com", name: "carol" });
  server.putUser({ id: "u-dave", email: "dave@example.com", name: "dave" });
  server.putUser({ id: "u-hidden", email: null, name: "hidden" });
  server.putGroup({ id: g("g-eng", "engineers"), name: "engineers", members: ["u-alice", "u-bob", "u-hidden"] });
  server.putGroup({ id: g("g-leads", "leads"), name: "leads", members: ["u-bob", "u-carol"] });
  server.putSpace({
    id: "1001",
    key: "ENG",
    name: "Engineering",
    readers: { groups: [g("g-eng", "engineers")], users: ["u-dave"] },
  });
  server.putSpace({ id: "1002", key: "PUB", name: "Public docs", anonymous: true, readers: {} });
  server.putPage({ id: "10", spaceKey: "ENG", title: "Engineering home", storage: "<p>Welcome to engineering.</p>" });
  server.putPage({ id: "11", spaceKey: "ENG", title: "Deploy guide", storage: STORAGE, parentId: "10" });
  server.putPage({
    id: "12",
    spaceKey: "ENG",
    title: "Leads only",
    storage: "<p>Headcount plan.</p>",
    parentId: "10",
    restriction: { groups: [g("g-leads", "leads")] },
  });
  // Created after its parent moved under a restricted page: the child inherits the view restriction.
  server.putPage({ id: "13", spaceKey: "ENG", title: "Leads child", storage: "<p>Budget detail.</p>", parentId: "12" });
  server.putPage({
    id: "14",
    spaceKey: "ENG",
    title: "Hidden-email only",
    storage: "<p>x</p>",
    restriction: { users: ["u-hidden"] },
  });
  server.putPage({ id: "20", spaceKey: "PUB", title: "Public FAQ", storage: "<p>Open to all.</p>" });
  server.putPage({
    id: "21",
    spaceKey: "PUB",
    title: "Public but restricted",
    storage: "<p>Staff.</p>",
    parentId: "20",
    restriction: { users: ["u-carol"] },
  });
  server.putAttachment({
    id: "900",
    pageId: "11",
    title: "runbook.pdf",
    mediaType: "application/pdf",
    bytes: await makePdf({ pages: [["Runbook: restart the queue workers."]] }),
  });
  server.putAttachment({
    id: "901",
    pageId: "13",
    title: "budget.docx",
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    bytes: await makeDocx({ title: "Budget", sections: [{ heading: "2025", paragraphs: ["Travel budget doubled."] }] }),
  });
  server.putAttachment({
    id: "902",
    pageId: "11",
    title: "tool.exe",
    mediaType: "application/octet-stream",
    bytes: new Uint8Array([1, 2]),
  });
}

const itemsOf = (pages: PullPage[]) => pages.flatMap((p) => p.items).filter(isReadable);
const text = async (item: SourceItem) => new TextDecoder().decode(await item.read());

describe("storage format → HTML", () => {
  it("turns code, panels, tables, excerpts, links and tasks into HTML our parser reads; drops what shows nothing", () => {
    const html = storageToHtml(STORAGE);
    expect(html).toContain(
      '<pre><code class="language-bash">./deploy --env &lt;prod&gt; &amp;&amp; echo done</code></pre>',
    );
    expect(html).toContain("<aside><p><strong>Warning: Freeze</strong></p><p>No deploys on Fridays.</p></aside>");
    expect(html).not.toContain("ac:");
    expect(html).not.toContain("diagram.png");
    const { blocks } = parseHtml({ text: `<html><body>${html}</body></html>` });
    const texts = blocks.map((b) => (b.kind === "table" ? JSON.stringify(b) : b.text));
    expect(texts).toContain("Deploying");
    expect(texts).toContain("Run the deploy script.");
    expect(texts).toContain("deploy.sh");
    expect(texts).toContain("./deploy --env <prod> && echo done");
    expect(texts).toContain("Warning: Freeze");
    expect(texts).toContain("No deploys on Fridays.");
    expect(texts).toContain("Info");
    expect(blocks.find((b) => b.kind === "table")).toEqual({
      kind: "table",
      header: ["Env", "Owner"],
      rows: [["prod", "SRE"]],
    });
    expect(texts).toContain("Deploys go through the pipeline.");
    expect(texts).toContain("(Excerpt included from “Release policy”.)");
    expect(texts).toContain("See Rollbacks and .");
    expect(texts).toContain("Tag the release");
  });
});

describe("page grants (layers intersected)", () => {
  const user = (id: string) => ({ kind: "user" as const, externalId: id, email: `${id}@example.com` });
  const directory = new Map([
    ["eng", { externalId: "eng", name: "eng", members: [user("a"), user("b")] }],
    ["leads", { externalId: "leads", name: "leads", members: [user("b"), user("c")] }],
  ]);
  const layer = (groups: string[], users: string[] = [], anonymous = false) => ({
    anonymous,
    groups,
    users: users.map(user),
  });

  it("keeps one deciding layer as it is, drops a layer that adds nothing, intersects the rest user by user", () => {
    expect(pageGrants({ space: layer(["eng"]), restrictions: [null, null], directory })).toEqual([
      { kind: "group", externalId: "eng" },
    ]);
    // Restricted to the group that may view the space: the group still decides alone.
    expect(pageGrants({ space: layer(["eng"]), restrictions: [layer(["eng"]), null], directory })).toEqual([
      { kind: "group", externalId: "eng" },
    ]);
    expect(pageGrants({ space: layer(["eng"]), restrictions: [layer(["leads"])], directory })).toEqual([user("b")]);
    // Inherited restrictions narrow further: leads ∩ eng ∩ {c} = nobody.
    expect(
      pageGrants({ space: layer(["eng"]), restrictions: [layer(["leads"]), layer([], ["c"])], directory }),
    ).toEqual([]);
    // Anonymous space: the restrictions alone decide; unrestricted: everyone.
    expect(pageGrants({ space: layer([], [], true), restrictions: [layer([], ["c"])], directory })).toEqual([
      user("c"),
    ]);
    expect(pageGrants({ space: layer([], [], true), restrictions: [null], directory })).toEqual([{ kind: "public" }]);
    expect(pageGrants({ space: layer([]), restrictions: [], directory })).toEqual([]);
  });
});

describe("reference payloads parse", () => {
  it("restrictions, group members and space permissions as the references show them", () => {
    const r = readRestrictionSchema.parse(READ_RESTRICTION_EXAMPLE);
    expect(r.restrictions?.user?.results[0]).toMatchObject({
      accountId: "5b10ac8d82e05b22cc7d4ef5",
      email: "alice@example.com",
    });
    expect(r.restrictions?.group?.results[0]).toMatchObject({
      name: "site-admins",
      id: "a3e9c6f2-1b5d-4c8e-9f7a-2d4b6c8e0f1a",
    });
    expect(v1ListSchema(userSchema).parse(GROUP_MEMBERS_EXAMPLE).results).toHaveLength(1);
    expect(spacePermissionV2Schema.parse(SPACE_PERMISSION_V2_EXAMPLE).operation).toEqual({
      key: "read",
      targetType: "space",
    });
    expect(SPACE_PERMISSIONS_DC_EXAMPLE.map((p) => spacePermissionDcSchema.parse(p).subject?.type)).toEqual([
      "group",
      "user",
    ]);
    expect(
      nextFromLinkHeader('</wiki/api/v2/pages?cursor=abc>; rel="next", <https://x.atlassian.net/wiki>; rel="base"'),
    ).toBe("/wiki/api/v2/pages?cursor=abc");
  });
});

describe.each(["cloud", "data-center"] as const)("confluence connector (%s)", (deployment) => {
  let server: ConfluenceServer;
  const cloud = deployment === "cloud";
  const gid = (id: string, name: string) => (cloud ? id : name);
  beforeAll(async () => {
    server = await startConfluenceServer({ deployment });
    await seed(server);
  });
  afterAll(() => server.close());

  const config = (extra: Record<string, unknown> = {}): ConfluenceConfig =>
    confluenceConfigSchema.parse(server.config(extra));
  const secrets = (): Record<string, string> =>
    cloud ? { apiToken: server.apiToken } : { personalAccessToken: server.personalAccessToken };
  const ctx = (overrides: Parameters<typeof testConnectorContext>[0] = {}) =>
    testConnectorContext({ secrets: secrets(), identities: testIdentities({ users: emails }), ...overrides });
  const group = (externalId: string, name: string) =>
    groupPrincipal(mirroredGroupName({ sourceName: "test-source", externalId, name }));

  async function synced(extra: Record<string, unknown> = {}) {
    const identities = testIdentities({ users: emails });
    const context = ctx({ identities });
    const c = config(extra);
    await identities.mirrorGroups(await confluenceConnector.syncIdentities!({ config: c, ctx: context }));
    const pages = await pullAll({ connector: confluenceConnector, config: c, ctx: context });
    const access = new Map<string, string[]>();
    for (const item of itemsOf(pages)) access.set(item.id, (await item.access()).acl);
    return { identities, context, pages, access };
  }

  it("first sync: every current page as HTML with title and URL, and PDF/DOCX attachments; other files skipped", async () => {
    const { pages } = await synced();
    const items = itemsOf(pages);
    expect(items.map((i) => i.id).sort()).toEqual(
      [
        "page/10",
        "page/11",
        "page/12",
        "page/13",
        "page/14",
        "page/20",
        "page/21",
        "attachment/900",
        "attachment/901",
      ].sort(),
    );
    const guide = items.find((i) => i.id === "page/11")!;
    expect(guide).toMatchObject({ filename: "11.html", title: "Deploy guide", version: "1" });
    expect(guide.url).toMatch(new RegExp(`^${server.url}/`));
    expect(guide.sourceMeta).toMatchObject({ kind: "page", spaceKey: "ENG", chain: ["10", "11"] });
    const html = await text(guide);
    expect(html).toContain("<title>Deploy guide</title>");
    expect(html).toContain("<p>Engineering</p>");
    expect(html).toContain("language-bash");
    const pdf = items.find((i) => i.id === "attachment/900")!;
    expect(pdf).toMatchObject({ filename: "runbook.pdf", version: "1" });
    expect(new TextDecoder().decode((await pdf.read()).slice(0, 5))).toBe("%PDF-");
    const docx = items.find((i) => i.id === "attachment/901")!;
    expect(docx.sourceMeta).toMatchObject({ kind: "attachment", pageId: "13", chain: ["10", "12", "13"] });
    expect(pages.at(-1)!.checkpoint).toEqual({ complete: true });
  });

  it("space permission for a group is mirrored with its members; a hidden e-mail matches nobody", async () => {
    const { identities, access } = await synced();
    const eng = [...identities.mirrored.values()].find((g) => g.externalId === gid("g-eng", "engineers"))!;
    expect(eng.members).toEqual([gw.alice, gw.bob].sort());
    // An unrestricted page: the space's View permission as it is — the group and the user named directly.
    expect(access.get("page/10")).toEqual(
      [group(gid("g-eng", "engineers"), "engineers"), userPrincipal(gw.dave)].sort(),
    );
    expect(access.get("attachment/900")).toEqual(access.get("page/10"));
    // Restricted to a user whose e-mail Confluence hides: nobody (deny by default).
    expect(access.get("page/14")).toEqual([]);
  });

  it("view restrictions are inherited down the tree and intersected with the space permission", async () => {
    const { access } = await synced();
    // Leads ∩ space readers: bob (carol is a lead but cannot view the space).
    expect(access.get("page/12")).toEqual([userPrincipal(gw.bob)]);
    // The child of a restricted page is restricted too, and so is its attachment.
    expect(access.get("page/13")).toEqual([userPrincipal(gw.bob)]);
    expect(access.get("attachment/901")).toEqual([userPrincipal(gw.bob)]);
  });

  it("an anonymous space is readable by everyone; a restricted page in it only by whom the restriction names", async () => {
    const { access } = await synced();
    expect(access.get("page/20")).toEqual([groupPrincipal("everyone")]);
    expect(access.get("page/21")).toEqual([userPrincipal(gw.carol)]);
  });

  it("pages lists by cursor (Cloud) or start/limit (Data Center) and resumes from every checkpoint without skipping a page", async () => {
    const c = config({ pageSize: 2, includeAttachments: false });
    const before = server.requests.length;
    const pages = await pullAll({ connector: confluenceConnector, config: c, ctx: ctx() });
    const listing = server.requests
      .slice(before)
      .filter((r) => (cloud ? /^\/api\/v2\/spaces\/1001\/pages$/ : /^\/rest\/api\/content$/).test(r.path));
    if (cloud) {
      expect(listing.length).toBe(3); // 5 pages in ENG, 2 per answer
      expect(listing.slice(1).every((r) => r.query.get("cursor"))).toBe(true);
    } else {
      expect(listing.map((r) => r.query.get("start") ?? "0").slice(0, 3)).toEqual(["0", "2", "4"]);
    }
    const all = itemsOf(pages).map((i) => i.id);
    expect(new Set(all).size).toBe(7);
    for (const [i, page] of pages.entries()) {
      const resumed = itemsOf(
        await pullAll({ connector: confluenceConnector, config: c, checkpoint: page.checkpoint, ctx: ctx() }),
      ).map((r) => r.id);
      for (const id of pages.slice(i + 1).flatMap((p) => p.items.map((it) => it.id))) expect(resumed).toContain(id);
    }
  });

  it("a parent listed after its child is found through the page's ancestors, so the child still inherits its restriction", async () => {
    server.putPage({ id: "9", spaceKey: "ENG", title: "Moved under leads", storage: "<p>m</p>", parentId: "12" });
    try {
      const identities = testIdentities({ users: emails });
      const context = ctx({ identities });
      const c = config({ pageSize: 2, includeAttachments: false });
      await identities.mirrorGroups(await confluenceConnector.syncIdentities!({ config: c, ctx: context }));
      const before = server.requests.length;
      const moved = itemsOf(await pullAll({ connector: confluenceConnector, config: c, ctx: context })).find(
        (i) => i.id === "page/9",
      )!;
      expect(moved.sourceMeta).toMatchObject({ chain: ["10", "12", "9"] });
      expect((await moved.access()).acl).toEqual([userPrincipal(gw.bob)]);
      if (cloud) expect(server.requests.slice(before).map((r) => r.path)).toContain("/api/v2/pages/9/ancestors");
    } finally {
      server.deletePage("9");
    }
  });

  it("accessOf decides stored pages from their kept chain and today's restrictions, without reading a page", async () => {
    const { identities } = await synced();
    const previous = new Map([
      [
        "page/13",
        { version: "1", sourceMeta: { kind: "page", spaceKey: "ENG", chain: ["10", "12", "13"], pageId: "13" } },
      ],
    ]);
    server.restrictPage("12", { groups: [gid("g-leads", "leads")], users: ["u-alice"] });
    try {
      const before = server.requests.length;
      const access = await confluenceConnector.accessOf!({
        config: config(),
        ids: ["page/13", "page/404"],
        ctx: ctx({ identities, previous }),
      });
      const asked = server.requests.slice(before).map((r) => r.path);
      expect(asked.some((p) => /\/pages\/13$|\/content\/13$/.test(p))).toBe(false);
      expect(asked).toContain("/rest/api/content/12/restriction/byOperation/read");
      expect(access.get("page/13")!.acl).toEqual([userPrincipal(gw.alice), userPrincipal(gw.bob)].sort());
      expect(access.get("page/404")!.acl).toEqual([]);
    } finally {
      server.restrictPage("12", { groups: [gid("g-leads", "leads")] });
    }
  });

  it("honours 429 Retry-After and goes on; a wait beyond a minute goes to the scheduler", async () => {
    server.throttle(2, 1);
    const before = server.requests.length;
    const ids = await confluenceConnector.listIds({ config: config(), ctx: ctx() });
    expect(ids).toHaveLength(9);
    expect(server.requests.slice(before).filter((r) => r.status === 429)).toHaveLength(2);
    server.throttle(1, 3600);
    await expect(confluenceConnector.listIds({ config: config(), ctx: ctx() })).rejects.toBeInstanceOf(RetryLaterError);
  });

  it("a refused token is a re-authorisation error; check() says what to fix", async () => {
    server.revokeToken();
    try {
      const failure = await pullAll({ connector: confluenceConnector, config: config(), ctx: ctx() }).catch(
        (e: unknown) => e,
      );
      expect(isReauthorizationError(failure)).toBe(true);
      expect((failure as Error).message).toMatch(cloud ? /HTTP 401.*--api-token/ : /HTTP 401.*--personal-access-token/);
      await expect(confluenceConnector.check({ config: config(), ctx: ctx() })).rejects.toThrow(
        /refused the credentials/,
      );
    } finally {
      server.restoreToken();
    }
    await expect(confluenceConnector.check({ config: config(), ctx: ctx() })).resolves.toBeUndefined();
    await expect(
      confluenceConnector.check({ config: config({ spaces: ["ENG", "NOPE"] }), ctx: ctx() }),
    ).rejects.toThrow(/cannot read the space NOPE/);
    const noToken = config({ apiToken: undefined, personalAccessToken: undefined });
    await expect(confluenceConnector.check({ config: noToken, ctx: ctx({ secrets: {} }) })).rejects.toThrow(
      cloud ? /API token/ : /personal access token/,
    );
  });

  if (cloud)
    it("an OAuth 2.0 bearer token works instead of an API token, and pages follow the Link header alone", async () => {
      server.linkHeaderOnly = true;
      try {
        const c = config({ email: undefined, apiToken: undefined, pageSize: 2 });
        const ids = await confluenceConnector.listIds({
          config: c,
          ctx: ctx({ secrets: { oauthToken: server.oauthToken } }),
        });
        expect(ids).toHaveLength(9);
        await expect(
          confluenceConnector.listIds({ config: c, ctx: ctx({ secrets: { oauthToken: "expired" } }) }),
        ).rejects.toThrow(/OAuth access token.*--oauth-token/);
      } finally {
        server.linkHeaderOnly = false;
      }
    });

  it("refuses plain HTTP to a host that is not allow-listed before sending the token", async () => {
    const { createNetworkGuard } = await import("../network-guard");
    const before = server.requests.length;
    await expect(
      confluenceConnector.listIds({
        config: config(),
        ctx: ctx({ guard: createNetworkGuard({ allowHosts: new Set() }) }),
      }),
    ).rejects.toThrow(/Use https:\/\//);
    expect(server.requests.length).toBe(before);
  });

  it("a targeted pull fetches the named page with its attachments; a trashed or deleted page is gone", async () => {
    const first = await collect(confluenceConnector.pullItems!({ config: config(), ids: ["page/11"], ctx: ctx() }));
    expect(first.flatMap((p) => p.items.map((i) => i.id)).sort()).toEqual(["attachment/900", "page/11"]);
    server.putPage({ id: "15", spaceKey: "ENG", title: "Soon trashed", storage: "<p>x</p>", status: "trashed" });
    try {
      const after = await collect(
        confluenceConnector.pullItems!({ config: config(), ids: ["page/15", "page/999"], ctx: ctx() }),
      );
      expect(after.flatMap((p) => p.items)).toEqual([]);
      expect(after.flatMap((p) => p.deleted ?? []).sort()).toEqual(["page/15", "page/999"]);
    } finally {
      server.deletePage("15");
    }
  });
});

describe("confluence notifications", () => {
  const config = (extra: Record<string, unknown> = {}) =>
    confluenceConfigSchema.parse({ url: "https://acme.atlassian.net/wiki", webhookSecret: "whsec-conf", ...extra });
  const signed = (payload: unknown, secret = "whsec-conf") => {
    const body = new TextEncoder().encode(JSON.stringify(payload));
    return { body, headers: new Headers({ "x-hub-signature": confluenceSignature({ secret, body }) }) };
  };
  const receive = (r: { body: Uint8Array; headers: Headers }, extra: Record<string, unknown> = {}) =>
    confluenceConnector.receiveNotification!({
      config: config(extra),
      secret: "gwh_unused",
      url: new URL("http://localhost/api/hooks/sources/x"),
      ...r,
    });

  it("page events target the page, restriction events run permissions, comments are acknowledged without a run", async () => {
    expect(await receive(signed(PAGE_UPDATED_EVENT))).toEqual({ kind: "changes", ids: ["page/98307"] });
    expect(await receive(signed(PAGE_TRASHED_EVENT))).toEqual({ kind: "changes", ids: ["page/98307"] });
    expect(await receive(signed(PAGE_RESTRICTION_UPDATED_EVENT))).toEqual({
      kind: "changes",
      ids: null,
      aclOnly: true,
    });
    expect(await receive(signed(COMMENT_CREATED_EVENT))).toMatchObject({ kind: "respond", status: 200 });
  });

  it("rejects a wrong signature, a tampered body, a missing header, and every request when no secret is set", async () => {
    expect(await receive(signed(PAGE_UPDATED_EVENT, "other"))).toEqual({ kind: "rejected" });
    const ok = signed(PAGE_UPDATED_EVENT);
    expect(
      await receive({
        ...ok,
        body: new TextEncoder().encode(JSON.stringify({ ...PAGE_UPDATED_EVENT, page: { id: 1 } })),
      }),
    ).toEqual({
      kind: "rejected",
    });
    expect(await receive({ body: ok.body, headers: new Headers() })).toEqual({ kind: "rejected" });
    expect(await receive(ok, { webhookSecret: undefined })).toEqual({ kind: "rejected" });
    expect(verifyConfluenceSignature({ secret: "whsec-conf", headers: ok.headers, body: ok.body })).toBe(true);
  });
});

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
