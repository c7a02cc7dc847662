import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { userPrincipal } from "@groundwork/access/principal";
import { pullAll, testConnectorContext, testIdentities } from "../../testing/connector-context";
import { startGraphServer, type TestGraphServer } from "../../testing/graph-server";
import { isReadable, isReauthorizationError, type PullPage, type SourceItem } from "../connector";
import { createNetworkGuard } from "../network-guard";
import {
  anonymousLink,
  emailInvitation,
  existingAccessLink,
  groupGrant,
  listPermissionsResponse,
  organisationLink,
  redeemedInvitation,
  siteGroupGrant,
  specificPeopleLink,
  userGrant,
  viewLink,
} from "./fixtures/permissions";
import { principalsOfPermissions } from "./graph-permissions";
import { sharepointConnector, sharepointConfigSchema, type SharepointConfig } from "./index";

const ALICE = "00000000-0000-4000-8000-0000000a11ce";
const BOB = "00000000-0000-4000-8000-000000000b0b";
const CAROL = "00000000-0000-4000-8000-00000000ca20";
const users = new Map([
  ["alice@contoso.com", ALICE],
  ["bob@contoso.com", BOB],
  ["carol@contoso.com", CAROL],
]);

let graph: TestGraphServer;
beforeAll(async () => {
  graph = await startGraphServer({ pageSize: 2 });
});
afterAll(() => graph.close());

const items = (pages: PullPage[]) => pages.flatMap((p) => p.items).filter(isReadable);
const text = async (item: SourceItem) => new TextDecoder().decode(await item.read());
const configOf = (extra: Record<string, unknown> = {}): SharepointConfig =>
  sharepointConfigSchema.parse(graph.config({ syncGroups: true, ...extra }));

async function context(config: SharepointConfig) {
  const identities = testIdentities({ users, config });
  const ctx = testConnectorContext({ identities, secrets: { clientSecret: graph.clientSecret } });
  // As the run loop does: groups first, then items' access.
  await identities.mirrorGroups((await sharepointConnector.syncIdentities!({ config, ctx })) ?? []);
  return { ctx, identities };
}

describe("graph permissions → external principals (reference payloads)", () => {
  it("maps the reference's links, invitations and grants, deny by default for what names nobody", () => {
    expect(principalsOfPermissions({ permissions: [viewLink], siteId: null })).toEqual([{ kind: "anyone-with-link" }]);
    expect(principalsOfPermissions({ permissions: [existingAccessLink], siteId: null })).toEqual([]);
    // Hidden e-mail: Graph names the users by id only; they can match nobody by e-mail.
    expect(principalsOfPermissions({ permissions: [specificPeopleLink], siteId: null })).toEqual([
      { kind: "user", externalId: "35fij1974gb8832", email: null },
      { kind: "user", externalId: "9397721fh4hgh73", email: null },
    ]);
    expect(principalsOfPermissions({ permissions: [emailInvitation], siteId: null })).toEqual([
      { kind: "user", externalId: "invite:1", email: "jd@gmail.com" },
    ]);
    expect(principalsOfPermissions({ permissions: [redeemedInvitation], siteId: null })).toEqual([
      { kind: "user", externalId: "5D33DD65C6932946", email: null },
    ]);
    // The deprecated grantedTo of the list example, inherited from a folder, still counts.
    expect(principalsOfPermissions({ permissions: listPermissionsResponse.value, siteId: null })).toEqual([
      { kind: "anyone-with-link" },
      { kind: "user", externalId: "5D33DD65C6932946", email: null },
    ]);
    expect(principalsOfPermissions({ permissions: [siteGroupGrant("3")], siteId: "s1" })).toEqual([
      { kind: "group", externalId: "site:s1:group:3" },
    ]);
    const expired = { ...userGrant("u1", "alice@contoso.com"), expirationDateTime: "2020-01-01T00:00:00Z" };
    expect(principalsOfPermissions({ permissions: [expired], siteId: null })).toEqual([]);
  });
});

describe("sharepoint connector against the in-suite Graph", () => {
  let site: { siteId: string; driveId: string };
  let hrFolder: string;
  let ids: Record<string, string> = {};
  beforeAll(() => {
    site = graph.addSite({ name: "intranet" });
    graph.setGroups([
      {
        id: "grp-hr",
        displayName: "HR",
        members: [
          { kind: "user", id: "aad-alice", mail: "Alice@contoso.com" },
          { kind: "group", id: "grp-hr-leads" },
        ],
      },
      {
        id: "grp-hr-leads",
        displayName: "HR leads",
        members: [{ kind: "user", id: "aad-bob", mail: "bob@contoso.com" }],
      },
      // Matches nobody here: no Groundwork user has these addresses, one is hidden.
      {
        id: "grp-ghosts",
        displayName: "Ghosts",
        members: [
          { kind: "user", id: "aad-x", mail: "x@elsewhere.example" },
          { kind: "user", id: "aad-y", mail: null },
        ],
      },
    ]);
    hrFolder = graph.addFolder({ driveId: site.driveId, name: "HR", permissions: [groupGrant("grp-hr", "HR")] });
    const reviews = graph.addFolder({ driveId: site.driveId, name: "Reviews", parentId: hrFolder });
    ids = {
      severance: graph.addFile({
        driveId: site.driveId,
        name: "severance.md",
        parentId: reviews,
        content: "# Severance\n\nHR only.",
      }),
      handbook: graph.addFile({
        driveId: site.driveId,
        name: "handbook.md",
        content: "# Handbook\n\nFor all.",
        permissions: [organisationLink],
      }),
      link: graph.addFile({ driveId: site.driveId, name: "link.md", content: "# Link", permissions: [anonymousLink] }),
      carol: graph.addFile({
        driveId: site.driveId,
        name: "carol.md",
        content: "# Carol",
        permissions: [userGrant("aad-carol", "carol@contoso.com")],
      }),
      hidden: graph.addFile({
        driveId: site.driveId,
        name: "hidden.md",
        content: "# Hidden",
        permissions: [userGrant("aad-h", null)],
      }),
      ghosts: graph.addFile({
        driveId: site.driveId,
        name: "ghosts.md",
        content: "# Ghosts",
        permissions: [groupGrant("grp-ghosts")],
      }),
      photo: graph.addFile({ driveId: site.driveId, name: "photo.bin", content: "binary" }),
    };
    graph.addPage({
      siteId: site.siteId,
      name: "Welcome.aspx",
      title: "Welcome",
      layout: {
        horizontalSections: [
          {
            columns: [
              {
                webparts: [
                  { "@odata.type": "#microsoft.graph.textWebPart", innerHtml: "<p>Welcome to the intranet.</p>" },
                ],
              },
            ],
          },
        ],
        verticalSection: {
          webparts: [{ "@odata.type": "#microsoft.graph.standardWebPart", data: { title: "Quick links" } }],
        },
      },
    });
  });

  it("first pull: files through delta pages and the download redirect, inherited folder access, links, hidden e-mail, pages as HTML", async () => {
    const config = configOf({ sites: [site.siteId], organisationGroup: "staff" });
    const { ctx, identities } = await context(config);
    const pages = await pullAll({ connector: sharepointConnector, config, ctx });
    const byName = new Map(items(pages).map((i) => [i.filename, i]));
    expect([...byName.keys()].sort()).toEqual([
      "Welcome.html",
      "carol.md",
      "ghosts.md",
      "handbook.md",
      "hidden.md",
      "link.md",
      "severance.md",
    ]);
    // Two items a Graph page: the checkpoint moved with the nextLinks, then settled on the deltaLink.
    expect(graph.requests.filter((r) => r.path.endsWith("/root/delta")).length).toBeGreaterThan(3);
    expect(pages.at(-1)!.checkpoint).toEqual({
      drives: { [site.driveId]: { link: expect.stringContaining("token="), complete: true } },
    });

    const severance = byName.get("severance.md")!;
    expect(severance.id).toBe(`${site.driveId}/${ids.severance}`);
    expect(await text(severance)).toBe("# Severance\n\nHR only.");
    expect(severance.version).toMatch(/^"c:/);
    const hrGroup = [...identities.mirrored].find(([, g]) => g.externalId === "grp-hr")!;
    // Nested HR leads are flattened into HR: Alice and Bob.
    expect(hrGroup[1].members).toEqual([ALICE, BOB].sort());
    expect((await severance.access()).acl).toEqual([`group:${hrGroup[0]}`]);
    expect((await byName.get("handbook.md")!.access()).acl).toEqual(["group:staff"]);
    expect((await byName.get("link.md")!.access()).acl).toEqual([]);
    expect((await byName.get("carol.md")!.access()).acl).toEqual([userPrincipal(CAROL)]);
    expect((await byName.get("hidden.md")!.access()).acl).toEqual([]);
    // A mirrored group with no Groundwork member still grants only its (empty) membership.
    const ghosts = [...identities.mirrored].find(([, g]) => g.externalId === "grp-ghosts")!;
    expect(ghosts[1].members).toEqual([]);
    const page = byName.get("Welcome.html")!;
    expect(await text(page)).toContain("<p>Welcome to the intranet.</p>");
    expect(await text(page)).toContain("<title>Welcome</title>");
    expect(await text(page)).toContain("Quick links");
  });

  it("anyone-with-link grants only when the source opts in", async () => {
    const config = configOf({ sites: [site.siteId], organisationGroup: "staff", shareAnyoneWithLink: true });
    const { ctx } = await context(config);
    const link = items(await pullAll({ connector: sharepointConnector, config, ctx })).find(
      (i) => i.filename === "link.md",
    )!;
    expect((await link.access()).acl).toEqual(["group:staff"]);
  });

  it("incremental: the deltaLink brings only changes; a folder's revoked grant reaches the file below it; deletions", async () => {
    const config = configOf({ sites: [site.siteId], includePages: false });
    const { ctx, identities } = await context(config);
    const first = await pullAll({ connector: sharepointConnector, config, ctx });
    const checkpoint = first.at(-1)!.checkpoint;
    const quiet = await pullAll({ connector: sharepointConnector, config, checkpoint, ctx });
    expect(items(quiet)).toEqual([]);

    graph.updateFile({ driveId: site.driveId, itemId: ids.carol!, content: "# Carol, revised" });
    graph.setPermissions({ driveId: site.driveId, itemId: hrFolder, permissions: [] });
    graph.deleteItem({ driveId: site.driveId, itemId: ids.ghosts! });
    const next = await pullAll({ connector: sharepointConnector, config, checkpoint, ctx });
    const changed = items(next);
    expect(changed.map((i) => i.filename).sort()).toEqual(["carol.md", "severance.md"]);
    const severance = changed.find((i) => i.filename === "severance.md")!;
    // Same content tag: the run sees an ACL-only change.
    expect(severance.version).toBe(items(first).find((i) => i.filename === "severance.md")!.version);
    expect((await severance.access()).acl).toEqual([]);
    expect(await text(changed.find((i) => i.filename === "carol.md")!)).toBe("# Carol, revised");
    expect(next.flatMap((p) => p.deleted ?? [])).toEqual([`${site.driveId}/${ids.ghosts}`]);

    const access = await sharepointConnector.accessOf!({
      config,
      ids: [severance.id, `${site.driveId}/${ids.carol}`],
      ctx,
    });
    expect(access.get(severance.id)!.acl).toEqual([]);
    expect(access.get(`${site.driveId}/${ids.carol}`)!.acl).toEqual([userPrincipal(CAROL)]);
    void identities;
    graph.setPermissions({ driveId: site.driveId, itemId: hrFolder, permissions: [groupGrant("grp-hr", "HR")] });
  });

  it("resumes mid-drive from a nextLink checkpoint without skipping an item", async () => {
    const config = configOf({ sites: [site.siteId], includePages: false });
    const { ctx } = await context(config);
    const pages = await pullAll({ connector: sharepointConnector, config, ctx });
    const all = items(pages).map((i) => i.id);
    const cut = pages.findIndex(
      (p) =>
        p.items.length > 0 && !(p.checkpoint.drives as Record<string, { complete: boolean }>)[site.driveId]!.complete,
    );
    const before = pages.slice(0, cut + 1).flatMap((p) => p.items.map((i) => i.id));
    const resumed = await pullAll({ connector: sharepointConnector, config, checkpoint: pages[cut]!.checkpoint, ctx });
    expect([...before, ...items(resumed).map((i) => i.id)].sort()).toEqual([...all].sort());
    expect(await sharepointConnector.listIds({ config, ctx })).toEqual(expect.arrayContaining(all));
  });

  it("429 with Retry-After is waited out; an expired token is refreshed once; an expired delta token starts the drive over", async () => {
    const config = configOf({ sites: [site.siteId], includePages: false });
    const { ctx } = await context(config);
    const first = await pullAll({ connector: sharepointConnector, config, ctx });
    graph.throttle(1, 1);
    graph.expireTokens();
    const tokensBefore = graph.tokenRequests();
    const started = Date.now();
    const again = await pullAll({ connector: sharepointConnector, config, checkpoint: first.at(-1)!.checkpoint, ctx });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(graph.tokenRequests()).toBeGreaterThan(tokensBefore);
    expect(items(again)).toEqual([]);

    graph.expireDeltaTokens();
    const restarted = await pullAll({
      connector: sharepointConnector,
      config,
      checkpoint: first.at(-1)!.checkpoint,
      ctx,
    });
    expect(
      items(restarted)
        .map((i) => i.id)
        .sort(),
    ).toEqual(
      items(first)
        .map((i) => i.id)
        .sort(),
    );
    expect(ctx.logs.some((l) => /delta token expired/.test(l.message))).toBe(true);
  });

  it("test connection says what to fix; a revoked secret is a re-authorisation, not a failure that loses documents", async () => {
    const config = configOf({ sites: [site.siteId] });
    const { ctx } = await context(config);
    await sharepointConnector.check({ config, ctx });
    graph.roles.delete("GroupMember.Read.All");
    await expect(sharepointConnector.check({ config, ctx })).rejects.toThrow(/lacks GroupMember\.Read\.All/);
    graph.roles.delete("Sites.Read.All");
    await expect(sharepointConnector.check({ config, ctx })).rejects.toThrow(/lacks Sites\.Read\.All/);
    graph.roles.add("Sites.Read.All");
    graph.roles.add("GroupMember.Read.All");
    await expect(sharepointConnector.check({ config: { ...config, clientId: "nobody" }, ctx })).rejects.toThrow(
      /No app with client id nobody/,
    );
    await expect(sharepointConnector.check({ config: { ...config, tenantId: "fabrikam" }, ctx })).rejects.toThrow(
      /Tenant fabrikam does not exist/,
    );
    const refused = testConnectorContext({
      guard: createNetworkGuard({ allowHosts: new Set() }),
      secrets: { clientSecret: graph.clientSecret },
    });
    await expect(sharepointConnector.check({ config, ctx: refused })).rejects.toThrow(
      /Refused to connect to 127\.0\.0\.1/,
    );

    const revoked = await startGraphServer();
    try {
      const s = revoked.addSite({ name: "x" });
      const cfg = sharepointConfigSchema.parse(revoked.config({ sites: [s.siteId] }));
      const c = testConnectorContext({ secrets: { clientSecret: revoked.clientSecret } });
      revoked.revokeSecret();
      const error = await pullAll({ connector: sharepointConnector, config: cfg, ctx: c }).catch((e: unknown) => e);
      expect(isReauthorizationError(error)).toBe(true);
      expect((error as Error).message).toMatch(/refused the client secret.*--client-secret/);
    } finally {
      await revoked.close();
    }
  });

  it("change notifications: the validation handshake is echoed; clientState must be the webhook secret", async () => {
    const config = configOf();
    const secret = "gwh_test-secret";
    const url = new URL(
      "http://gw.example/api/hooks/sources/x?validationToken=Validation%3A%20Testing%20client%20application",
    );
    expect(
      await sharepointConnector.receiveNotification!({
        config,
        secret,
        headers: new Headers(),
        url,
        body: new Uint8Array(),
      }),
    ).toEqual({
      kind: "respond",
      status: 200,
      contentType: "text/plain; charset=utf-8",
      body: "Validation: Testing client application",
    });
    const hook = new URL("http://gw.example/api/hooks/sources/x");
    // The shape of https://learn.microsoft.com/graph/change-notifications-delivery-webhooks (notification payload).
    const body = (clientState: string) =>
      new TextEncoder().encode(
        JSON.stringify({
          value: [
            {
              id: "lsgTZMr9KwAAA",
              subscriptionId: "{subscription_guid}",
              subscriptionExpirationDateTime: "2016-03-19T22:11:09.952Z",
              clientState,
              changeType: "updated",
              resource: "drives/b!abc/root",
              tenantId: "84bd8158-6d4d-4958-8b9f-9d6445542f95",
              resourceData: { "@odata.type": "#Microsoft.Graph.DriveItem" },
            },
          ],
        }),
      );
    expect(
      await sharepointConnector.receiveNotification!({
        config,
        secret,
        headers: new Headers(),
        url: hook,
        body: body(secret),
      }),
    ).toEqual({ kind: "changes", ids: null });
    expect(
      await sharepointConnector.receiveNotification!({
        config,
        secret,
        headers: new Headers(),
        url: hook,
        body: body("guess"),
      }),
    ).toEqual({ kind: "rejected" });
    expect(
      await sharepointConnector.receiveNotification!({
        config,
        secret,
        headers: new Headers(),
        url: hook,
        body: new TextEncoder().encode("{"),
      }),
    ).toEqual({ kind: "rejected" });
  });
});
