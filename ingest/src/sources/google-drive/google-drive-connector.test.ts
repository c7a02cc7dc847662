import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { groupPrincipal, userPrincipal } from "@groundwork/access/principal";
import { makeDocx, makePdf } from "../../testing";
import { pullAll, testConnectorContext, testIdentities } from "../../testing/connector-context";
import { startDriveServer, type TestDriveServer } from "../../testing/google-drive-server";
import { isReadable, isReauthorizationError, type PullPage, type SourceItem } from "../connector";
import { mirroredGroupName } from "../external-access";
import { principalsOfDirectoryMembers, principalsOfDrivePermissions } from "./drive-permissions";
import {
  anyoneWithLinkPermission,
  changeNotificationHeaders,
  deletedUserPermission,
  domainPermission,
  expiredUserPermission,
  groupPermission,
  inheritedMemberPermission,
  membersListResponse,
  otherDomainPermission,
  permissionListResponse,
  publicPermission,
  syncNotificationHeaders,
  userPermission,
} from "./fixtures/reference-payloads";
import {
  driveTiming,
  googleDriveConfigSchema,
  googleDriveConnector,
  watchDriveChanges,
  type GoogleDriveConfig,
} from "./index";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const gw = {
  alice: "00000000-0000-4000-8000-0000000a11ce",
  bob: "00000000-0000-4000-8000-000000000b0b",
  carol: "00000000-0000-4000-8000-00000000ca20",
  admin: "00000000-0000-4000-8000-0000000ad111",
};
const users = new Map([
  ["alice@example.com", gw.alice],
  ["bob@example.com", gw.bob],
  ["carol@example.com", gw.carol],
  ["drive-admin@example.com", gw.admin],
]);

let drive: TestDriveServer;
const ids: Record<string, string> = {};
let hrFolder = "";

beforeAll(async () => {
  driveTiming.backoffMs = 200;
  drive = await startDriveServer({ pageSize: 3 });
  drive.setGroups([
    {
      id: "03x8tuzt1cgxhh8",
      email: "hr@example.com",
      name: "HR",
      members: [
        { type: "USER", id: "u-alice", email: "alice@example.com" },
        { type: "GROUP", id: "03x8tuzt1leads", email: "hr-leads@example.com" },
      ],
    },
    {
      id: "03x8tuzt1leads",
      email: "hr-leads@example.com",
      name: "HR leads",
      members: [{ type: "USER", id: "u-bob", email: "bob@example.com" }],
    },
    {
      id: "03x8tuzt1ghost",
      email: "ghosts@example.com",
      name: "Ghosts",
      members: [{ type: "USER", id: "u-x", email: "x@elsewhere.example" }],
    },
  ]);
  hrFolder = drive.addFolder({
    name: "HR",
    permissions: [{ type: "group", role: "reader", emailAddress: "hr@example.com" }],
  });
  const reviews = drive.addFolder({ name: "Reviews", parentId: hrFolder });
  ids.severance = drive.addFile({
    name: "severance.md",
    mimeType: "text/markdown",
    parentId: reviews,
    content: "# Severance\n\nHR only.",
  });
  ids.handbook = drive.addFile({
    name: "Handbook",
    mimeType: "application/vnd.google-apps.document",
    exports: {
      [DOCX]: await makeDocx({
        title: "Handbook",
        sections: [{ heading: "Leave", paragraphs: ["Twenty-five days a year."] }],
      }),
    },
    permissions: [domainPermission],
  });
  ids.budget = drive.addFile({
    name: "Budget",
    mimeType: "application/vnd.google-apps.spreadsheet",
    exports: { "text/csv": "team,amount\nsupport,1200\n" },
    permissions: [{ type: "user", role: "reader", emailAddress: "Carol@Example.com" }],
  });
  ids.deck = drive.addFile({
    name: "Roadmap deck",
    mimeType: "application/vnd.google-apps.presentation",
    exports: { "application/pdf": await makePdf({ pages: [["Roadmap 2027"]] }) },
    permissions: [anyoneWithLinkPermission],
  });
  ids.partner = drive.addFile({
    name: "partner.md",
    mimeType: "text/markdown",
    content: "# Partner",
    permissions: [otherDomainPermission],
  });
  ids.ghosts = drive.addFile({
    name: "ghosts.md",
    mimeType: "text/markdown",
    content: "# Ghosts",
    permissions: [
      { type: "group", role: "reader", emailAddress: "ghosts@example.com" },
      { type: "user", role: "reader", emailAddress: "stranger@elsewhere.example" },
    ],
  });
  // Owned outside the domain and shared with the account: its sharing is not ours to list.
  ids.external = drive.addFile({
    name: "vendor-terms.md",
    mimeType: "text/markdown",
    content: "# Vendor terms",
    owner: "legal@vendor.example",
    permissionsHidden: true,
  });
  ids.photo = drive.addFile({ name: "photo.bin", content: "binary" });
  ids.form = drive.addFile({ name: "Survey", mimeType: "application/vnd.google-apps.form" });
  // A shared drive: members are inherited permissions of everything in it.
  drive.setDriveMembers("0ABCdefGHIjklUk9PVA", [{ type: "user", role: "organizer", emailAddress: "bob@example.com" }]);
  ids.shared = drive.addFile({
    name: "ops.md",
    mimeType: "text/markdown",
    driveId: "0ABCdefGHIjklUk9PVA",
    content: "# Ops runbook",
  });
});
afterAll(async () => {
  driveTiming.backoffMs = 1000;
  await drive.close();
});
afterEach(() => drive.throttle(0, 0));

const items = (pages: PullPage[]) => pages.flatMap((p) => p.items).filter(isReadable);
const text = async (item: SourceItem) => new TextDecoder().decode(await item.read());
/** Waits out the permission lookups a pull starts in the background (so a test's throttle or token count meets only its own requests). */
const settle = (pages: PullPage[]) => Promise.all(items(pages).map((i) => i.access().catch(() => undefined)));
const configOf = (extra: Record<string, unknown> = {}): GoogleDriveConfig =>
  googleDriveConfigSchema.parse(drive.config({ syncGroups: true, organisationGroup: "staff", ...extra }));
const group = (externalId: string, name: string) =>
  groupPrincipal(mirroredGroupName({ sourceName: "test-source", externalId, name }));

async function context(config: GoogleDriveConfig) {
  const identities = testIdentities({ users, config });
  const ctx = testConnectorContext({ identities });
  await identities.mirrorGroups(await googleDriveConnector.syncIdentities!({ config, ctx }));
  return { ctx, identities };
}

describe("drive permissions → external principals (reference payloads)", () => {
  it("user, group, domain and anyone; deleted and expired grant nothing", () => {
    expect(
      principalsOfDrivePermissions({ permissions: permissionListResponse.permissions, domain: "example.com" }),
    ).toEqual([
      { kind: "user", externalId: "12345678901234567890", email: "alice@example.com" },
      { kind: "group", externalId: "hr@example.com" },
      // Inherited from the shared drive (permissionDetails.inherited): counts the same.
      { kind: "user", externalId: "33333333333333333333", email: "carol@example.com" },
    ]);
    expect(principalsOfDrivePermissions({ permissions: [domainPermission], domain: "example.com" })).toEqual([
      { kind: "organisation" },
    ]);
    expect(principalsOfDrivePermissions({ permissions: [otherDomainPermission], domain: "example.com" })).toEqual([]);
    expect(principalsOfDrivePermissions({ permissions: [domainPermission], domain: undefined })).toEqual([]);
    expect(principalsOfDrivePermissions({ permissions: [anyoneWithLinkPermission], domain: "example.com" })).toEqual([
      { kind: "anyone-with-link" },
    ]);
    expect(principalsOfDrivePermissions({ permissions: [publicPermission], domain: "example.com" })).toEqual([
      { kind: "public" },
    ]);
    expect(
      principalsOfDrivePermissions({
        permissions: [deletedUserPermission, expiredUserPermission],
        domain: "example.com",
      }),
    ).toEqual([]);
    expect(
      principalsOfDrivePermissions({
        permissions: [inheritedMemberPermission, { type: "owner-of-nothing" }],
        domain: "example.com",
      }),
    ).toEqual([{ kind: "user", externalId: "33333333333333333333", email: "carol@example.com" }]);
    void userPermission;
    void groupPermission;
  });

  it("Directory members: users and nested groups, suspended members and the whole-customer entry left out", () => {
    expect(principalsOfDirectoryMembers(membersListResponse.members)).toEqual([
      { kind: "user", externalId: "100000000000000000001", email: "alice@example.com" },
      { kind: "group", externalId: "leads@example.com" },
    ]);
  });
});

describe("google drive connector against the in-suite Drive", () => {
  it("first sync: My Drive and a shared drive in pages, Docs/Sheets/Slides exported, permissions mapped, deny by default", async () => {
    const config = configOf();
    const { ctx, identities } = await context(config);
    const pages = await pullAll({ connector: googleDriveConnector, config, ctx });
    const byName = new Map(items(pages).map((i) => [i.filename, i]));
    // Folders, an unparsable blob and a Form (no export) are not items.
    expect([...byName.keys()].sort()).toEqual([
      "Budget.csv",
      "Handbook.docx",
      "Roadmap deck.pdf",
      "ghosts.md",
      "ops.md",
      "partner.md",
      "severance.md",
      "vendor-terms.md",
    ]);
    // Three files a page: the listing moved its page token, then settled on the changes cursor
    // taken before the listing started.
    const lists = drive.requests.filter((r) => r.path === "/drive/v3/files");
    expect(lists.length).toBeGreaterThanOrEqual(4);
    expect(
      lists.some((r) => r.query.get("corpora") === "allDrives" && r.query.get("includeItemsFromAllDrives") === "true"),
    ).toBe(true);
    expect(pages[0]!.checkpoint).toMatchObject({ phase: "list", listPageToken: expect.any(String) });
    expect(pages.at(-1)!.checkpoint).toEqual({ phase: "changes", pageToken: expect.any(String) });

    const handbook = byName.get("Handbook.docx")!;
    expect(handbook.title).toBe("Handbook");
    const docx = await handbook.read();
    expect(Buffer.from(docx.subarray(0, 2)).toString()).toBe("PK");
    expect(
      drive.requests.some(
        (r) => r.path === `/drive/v3/files/${ids.handbook}/export` && r.query.get("mimeType") === DOCX,
      ),
    ).toBe(true);
    expect(await text(byName.get("Budget.csv")!)).toBe("team,amount\nsupport,1200\n");
    expect(Buffer.from((await byName.get("Roadmap deck.pdf")!.read()).subarray(0, 5)).toString()).toBe("%PDF-");
    expect(await text(byName.get("severance.md")!)).toBe("# Severance\n\nHR only.");

    // Inherited two folders up: the HR group, nested leads flattened into it.
    const hr = [...identities.mirrored].find(([, g]) => g.externalId === "hr@example.com")!;
    expect(hr[1].members).toEqual([gw.alice, gw.bob].sort());
    expect((await byName.get("severance.md")!.access()).acl).toEqual([group("hr@example.com", "HR")]);
    expect((await handbook.access()).acl).toEqual(["group:staff"]);
    expect((await byName.get("Budget.csv")!.access()).acl).toEqual([userPrincipal(gw.carol)]);
    // Anyone with the link: nobody, unless the source opts in (below).
    expect((await byName.get("Roadmap deck.pdf")!.access()).acl).toEqual([]);
    expect((await byName.get("partner.md")!.access()).acl).toEqual([]);
    // A mirrored group of strangers and an unmatched user grant nobody.
    expect((await byName.get("ghosts.md")!.access()).acl).toEqual([group("ghosts@example.com", "Ghosts")]);
    expect([...identities.mirrored].find(([, g]) => g.externalId === "ghosts@example.com")![1].members).toEqual([]);
    // Externally owned, sharing hidden: the account that reads it, never wider.
    const external = await byName.get("vendor-terms.md")!.access();
    expect(external.acl).toEqual([userPrincipal(gw.admin)]);
    expect(external.owner).toBe("legal@vendor.example");
    // The shared drive's member, inherited.
    expect((await byName.get("ops.md")!.access()).acl).toEqual([userPrincipal(gw.bob)]);
    expect(byName.get("ops.md")!.sourceMeta).toMatchObject({ driveId: "0ABCdefGHIjklUk9PVA" });
  });

  it("without --shared-drives only My Drive is listed", async () => {
    const config = configOf({ sharedDrives: false });
    const { ctx } = await context(config);
    const names = items(await pullAll({ connector: googleDriveConnector, config, ctx })).map((i) => i.filename);
    expect(names).not.toContain("ops.md");
    expect(names).toContain("severance.md");
  });

  it("anyone-with-link grants the organisation group only when the source opts in", async () => {
    const config = configOf({ shareAnyoneWithLink: true });
    const { ctx } = await context(config);
    const deck = items(await pullAll({ connector: googleDriveConnector, config, ctx })).find(
      (i) => i.filename === "Roadmap deck.pdf",
    )!;
    expect((await deck.access()).acl).toEqual(["group:staff"]);
  });

  it("a run resumed from a listing checkpoint goes on from that page, skipping nothing", async () => {
    const config = configOf();
    const { ctx } = await context(config);
    const pages = await pullAll({ connector: googleDriveConnector, config, ctx });
    const all = items(pages)
      .map((i) => i.id)
      .sort();
    const cut = pages.findIndex((p) => p.checkpoint.phase === "list");
    const before = pages.slice(0, cut + 1).flatMap((p) => p.items.map((i) => i.id));
    const resumed = await pullAll({ connector: googleDriveConnector, config, checkpoint: pages[cut]!.checkpoint, ctx });
    expect([...before, ...items(resumed).map((i) => i.id)].sort()).toEqual(all);
    expect((await googleDriveConnector.listIds({ config, ctx }))!.sort()).toEqual(all);
  });

  it("changes cursor: an edit and a removal; a folder's revoked sharing reaches the file below it with the same version", async () => {
    const config = configOf();
    const { ctx } = await context(config);
    const first = await pullAll({ connector: googleDriveConnector, config, ctx });
    const cursor = first.at(-1)!.checkpoint;
    expect(items(await pullAll({ connector: googleDriveConnector, config, checkpoint: cursor, ctx }))).toEqual([]);

    drive.updateFile(ids.budget!, { exports: { "text/csv": "team,amount\nsupport,1500\n" } });
    drive.remove(ids.ghosts!);
    drive.setPermissions(hrFolder, []);
    const next = await pullAll({ connector: googleDriveConnector, config, checkpoint: cursor, ctx });
    const changed = items(next);
    expect(changed.map((i) => i.filename).sort()).toEqual(["Budget.csv", "severance.md"]);
    expect(await text(changed.find((i) => i.filename === "Budget.csv")!)).toBe("team,amount\nsupport,1500\n");
    const severance = changed.find((i) => i.filename === "severance.md")!;
    expect(severance.version).toBe(items(first).find((i) => i.filename === "severance.md")!.version);
    expect((await severance.access()).acl).toEqual([]);
    expect(next.flatMap((p) => p.deleted ?? [])).toEqual([ids.ghosts]);
    // The cursor moved on: asking again from the new one is quiet.
    const quiet = await pullAll({ connector: googleDriveConnector, config, checkpoint: next.at(-1)!.checkpoint, ctx });
    expect(items(quiet)).toEqual([]);
    expect(drive.requests.some((r) => r.path === "/drive/v3/changes" && r.query.get("includeRemoved") === "true")).toBe(
      true,
    );

    const access = await googleDriveConnector.accessOf!({
      config,
      ids: [ids.severance!, ids.budget!, ids.ghosts!],
      ctx,
    });
    expect(access.get(ids.severance!)!.acl).toEqual([]);
    expect(access.get(ids.budget!)!.acl).toEqual([userPrincipal(gw.carol)]);
    // Gone at the source: readable by nobody until the next sync deletes it.
    expect(access.get(ids.ghosts!)!.acl).toEqual([]);
    drive.setPermissions(hrFolder, [{ type: "group", role: "reader", emailAddress: "hr@example.com" }]);
  });

  it("a targeted pull of named ids reads those files only; a folder's id reaches the files below it", async () => {
    const config = configOf();
    const { ctx } = await context(config);
    const pages: Omit<PullPage, "checkpoint">[] = [];
    for await (const page of googleDriveConnector.pullItems!({
      config,
      ids: [ids.budget!, hrFolder, "1nosuchfile"],
      ctx,
    }))
      pages.push(page);
    expect(pages.flatMap((p) => p.items.map((i) => i.id)).sort()).toEqual([ids.budget!, ids.severance!].sort());
    expect(pages.flatMap((p) => p.deleted ?? [])).toEqual(["1nosuchfile"]);
  });

  it("429 with Retry-After is waited out; 403 userRateLimitExceeded backs off; an expired token is refreshed (401 then a new token)", async () => {
    const config = configOf();
    const { ctx } = await context(config);
    const first = await pullAll({ connector: googleDriveConnector, config, ctx });
    await settle(first);
    drive.throttle(1, 1);
    drive.expireTokens();
    const tokensBefore = drive.tokenRequests();
    const started = Date.now();
    const again = await pullAll({ connector: googleDriveConnector, config, checkpoint: first.at(-1)!.checkpoint, ctx });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(drive.tokenRequests()).toBeGreaterThan(tokensBefore);
    expect(items(again)).toEqual([]);

    // The first run's session still holds the token the server forgot: 403 twice (backed off),
    // then 401 → one new token (a fresh JWT assertion) → the export.
    drive.throttle(2, 0, { status: 403 });
    const handbook = items(first).find((i) => i.filename === "Handbook.docx")!;
    const t0 = Date.now();
    const minted = drive.tokenRequests();
    expect((await handbook.read()).byteLength).toBeGreaterThan(0);
    expect(drive.tokenRequests()).toBe(minted + 1);
    // 200 ms then 400 ms (the test's backoff base), plus jitter.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(550);

    drive.throttle(10, 0, { status: 403 });
    const error = await pullAll({ connector: googleDriveConnector, config, ctx }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/asked to slow down \(userRateLimitExceeded\)/);
    expect((error as { code?: string }).code).toBe("rate_limited");
  });

  it("OAuth: a refresh token is exchanged at the (local) token endpoint, again after a 401; a revoked one is a re-authorisation", async () => {
    const config = googleDriveConfigSchema.parse({
      ...drive.config({ serviceAccountKey: undefined, subject: undefined }),
      clientId: drive.oauth.clientId,
      clientSecret: drive.oauth.clientSecret,
      refreshToken: drive.oauth.refreshToken,
    });
    const ctx = testConnectorContext({ identities: testIdentities({ users, config }) });
    await googleDriveConnector.check({ config, ctx });
    const pages = await pullAll({ connector: googleDriveConnector, config, ctx });
    await settle(pages);
    // (ghosts.md was removed at the source by an earlier test.)
    expect(items(pages).map((i) => i.filename)).toEqual(
      expect.arrayContaining(["severance.md", "ops.md", "Handbook.docx"]),
    );
    const tokens = drive.tokenRequests();
    drive.expireTokens();
    expect(await text(items(pages).find((i) => i.filename === "severance.md")!)).toContain("HR only");
    expect(drive.tokenRequests()).toBe(tokens + 1);
    expect(drive.requests.every((r) => !r.path.startsWith("https://"))).toBe(true);

    const revoked = await startDriveServer();
    try {
      revoked.addFile({ name: "a.md", mimeType: "text/markdown", content: "# A" });
      const cfg = googleDriveConfigSchema.parse({
        ...revoked.config({ serviceAccountKey: undefined, subject: undefined }),
        clientId: revoked.oauth.clientId,
        clientSecret: revoked.oauth.clientSecret,
        refreshToken: revoked.oauth.refreshToken,
      });
      revoked.revokeRefreshToken();
      const error = await pullAll({ connector: googleDriveConnector, config: cfg, ctx: testConnectorContext() }).catch(
        (e: unknown) => e,
      );
      expect(isReauthorizationError(error)).toBe(true);
      expect((error as Error).message).toMatch(/refused the refresh token.*--refresh-token/);
    } finally {
      await revoked.close();
    }
  });

  it("test connection says what to fix: delegation scopes, subject, a deleted key (re-authorisation)", async () => {
    const config = configOf();
    const ctx = testConnectorContext();
    await googleDriveConnector.check({ config, ctx });
    drive.delegatedScopes.delete("https://www.googleapis.com/auth/admin.directory.group.member.readonly");
    await expect(googleDriveConnector.check({ config, ctx: testConnectorContext() })).rejects.toThrow(
      /Domain-wide delegation is not granted/,
    );
    drive.delegatedScopes.add("https://www.googleapis.com/auth/admin.directory.group.member.readonly");
    await expect(
      googleDriveConnector.check({ config: { ...config, subject: "nobody@example.com" }, ctx: testConnectorContext() }),
    ).rejects.toThrow(/refused to act as nobody@example.com/);
    await expect(googleDriveConnector.check({ config: { ...config, serviceAccountKey: "{" }, ctx })).rejects.toThrow(
      /not JSON/,
    );
    expect(() => googleDriveConfigSchema.parse(drive.config({ subject: undefined }))).toThrow(/--subject/);

    const revoked = await startDriveServer();
    try {
      const cfg = googleDriveConfigSchema.parse(revoked.config());
      revoked.revokeKey();
      const error = await pullAll({ connector: googleDriveConnector, config: cfg, ctx: testConnectorContext() }).catch(
        (e: unknown) => e,
      );
      expect(isReauthorizationError(error)).toBe(true);
      expect((error as Error).message).toMatch(/service account key.*--service-account-key/);
    } finally {
      await revoked.close();
    }
  });

  it("push: changes.watch opens a channel with the webhook secret as its token; sync is acknowledged, change runs the cursor, a wrong token is rejected", async () => {
    const config = configOf();
    const secret = "gwh_drive-secret";
    const channel = await watchDriveChanges({
      config,
      ctx: testConnectorContext(),
      address: "https://gw.example/api/hooks/sources/x",
      token: secret,
    });
    expect(drive.channels.at(-1)).toMatchObject({
      id: channel.channelId,
      token: secret,
      address: "https://gw.example/api/hooks/sources/x",
    });
    expect(channel.expiration!.getTime()).toBeGreaterThan(Date.now());
    const receive = (headers: Headers) =>
      googleDriveConnector.receiveNotification!({
        config,
        secret,
        headers,
        url: new URL("https://gw.example/api/hooks/sources/x"),
        body: new Uint8Array(),
      });

    expect(await receive(drive.notification(channel.channelId, "sync").headers)).toEqual({
      kind: "respond",
      status: 200,
      contentType: "text/plain; charset=utf-8",
      body: "",
    });
    expect(await receive(drive.notification(channel.channelId, "change").headers)).toEqual({
      kind: "changes",
      ids: null,
    });
    expect(await receive(drive.notification(channel.channelId, "change", "gwh_guess").headers)).toEqual({
      kind: "rejected",
    });
    const noToken = drive.notification(channel.channelId, "change").headers;
    noToken.delete("x-goog-channel-token");
    expect(await receive(noToken)).toEqual({ kind: "rejected" });
    // The reference's header set, with the secret as the token.
    expect(await receive(new Headers({ ...syncNotificationHeaders, "X-Goog-Channel-Token": secret }))).toMatchObject({
      kind: "respond",
    });
    expect(await receive(new Headers({ ...changeNotificationHeaders, "X-Goog-Channel-Token": secret }))).toEqual({
      kind: "changes",
      ids: null,
    });
    const noChannel = new Headers({ ...changeNotificationHeaders, "X-Goog-Channel-Token": secret });
    noChannel.delete("x-goog-channel-id");
    expect(await receive(noChannel)).toEqual({ kind: "rejected" });
  });

  it("a Doc too large to export fails alone (FileError), the pull goes on", async () => {
    const config = configOf();
    const { ctx } = await context(config);
    const huge = drive.addFile({
      name: "Huge minutes",
      mimeType: "application/vnd.google-apps.document",
      exportTooLarge: true,
      permissions: [domainPermission],
    });
    const all = items(await pullAll({ connector: googleDriveConnector, config, ctx }));
    const item = all.find((i) => i.id === huge)!;
    const error = await item.read().catch((e: unknown) => e);
    expect((error as Error).name).toBe("FileError");
    expect((error as Error).message).toMatch(/will not hand out Huge minutes\.docx \(exportSizeLimitExceeded\)/);
    expect(await text(all.find((i) => i.filename === "severance.md")!)).toContain("HR only");
    drive.remove(huge);
  });

  it("pages through Directory members and a file's permissions (pageToken), nothing dropped past the first page", async () => {
    const config = configOf();
    const many = ["alice", "bob", "carol", "drive-admin", "x1", "x2", "x3"].map((u, n) => ({
      type: "USER" as const,
      id: `u-${n}`,
      email: `${u}@example.com`,
    }));
    drive.setGroups([{ id: "03x8big", email: "big@example.com", name: "Big", members: many }]);
    const shared = drive.addFile({
      name: "widely-shared.md",
      mimeType: "text/markdown",
      content: "# Wide",
      permissions: ["x1", "x2", "x3", "x4", "carol"].map((u) => ({
        type: "user",
        role: "reader",
        emailAddress: `${u}@example.com`,
      })),
    });
    try {
      const { ctx, identities } = await context(config);
      const big = [...identities.mirrored].find(([, g]) => g.externalId === "big@example.com")!;
      expect(big[1].members).toEqual([gw.alice, gw.bob, gw.carol, gw.admin].sort());
      const memberPages = drive.requests.filter((r) => r.path === "/admin/directory/v1/groups/03x8big/members");
      expect(memberPages.map((r) => r.query.get("pageToken"))).toEqual([null, "3", "6"]);
      const access = await googleDriveConnector.accessOf!({ config, ids: [shared], ctx });
      // carol's grant is on the second page of three-a-page permissions.
      expect(access.get(shared)!.acl).toEqual([userPrincipal(gw.carol)]);
      expect(drive.requests.filter((r) => r.path === `/drive/v3/files/${shared}/permissions`).length).toBe(2);
    } finally {
      drive.remove(shared);
    }
  });

  it("a trashed folder's files are deleted with it at the next changes pull", async () => {
    const config = configOf();
    const { ctx } = await context(config);
    const archive = drive.addFolder({ name: "Archive" });
    const inner = drive.addFolder({ name: "2019", parentId: archive });
    const a = drive.addFile({ name: "a.md", mimeType: "text/markdown", parentId: archive, content: "# A" });
    const b = drive.addFile({ name: "b.md", mimeType: "text/markdown", parentId: inner, content: "# B" });
    const first = await pullAll({ connector: googleDriveConnector, config, ctx });
    await settle(first);
    expect(items(first).map((i) => i.id)).toEqual(expect.arrayContaining([a, b]));
    drive.trash(archive);
    const next = await pullAll({ connector: googleDriveConnector, config, checkpoint: first.at(-1)!.checkpoint, ctx });
    expect(next.flatMap((p) => p.deleted ?? []).sort()).toEqual([archive, a, b].sort());
    expect(items(next)).toEqual([]);
    expect(await googleDriveConnector.listIds({ config, ctx })).not.toContain(a);
  });
});
