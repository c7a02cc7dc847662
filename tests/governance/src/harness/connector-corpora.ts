import type http from "node:http";
import fs from "node:fs";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { and, eq, inArray } from "drizzle-orm";
import { createSource, updateSource } from "@groundwork/ingest";
import {
  commitFiles,
  makeGitRepo,
  runSource,
  seedSqlTable,
  serveStaticSite,
  type TestGraphServer,
  type TestS3Server,
  type ZendeskServer,
} from "@groundwork/ingest/testing";
import type { Database } from "@groundwork/db/client";
import { groups, sources, users, type IngestionRun } from "@groundwork/db/schema";
import { PERSONAS, type Persona } from "./app-harness";
import type { Canary } from "./leak-probes";

/**
 * Canary corpora built through each connector, with access expressed the way that connector
 * expresses it: a web source's default ACL, a Git or S3 `.access.yaml` (nearest up the tree),
 * an SQL row's ACL column. Each corpus has an hr-only and a legal-only canary, a public
 * document, and one whose ACL names only unknown principals (admins only). `revoke` changes the
 * access at the source the way an admin would and runs what propagates it.
 */
export type Section = "hr" | "legal" | "public" | "nobody" | "invalid";

const PUBLIC_READERS: Persona[] = ["employee", "hr", "legal", "support"];
export const READERS: Record<Section, Persona[]> = {
  hr: ["hr"],
  legal: ["legal"],
  public: PUBLIC_READERS,
  nobody: [],
  invalid: [],
};

export type ConnectorCanary = Canary & { kind: string; section: Section; token: string };

export type ConnectorCorpus = {
  kind: string;
  sources: string[];
  canaries: ConnectorCanary[];
  runs: IngestionRun[];
  /** The ACL each canary is stored with, when it is not the section's plain group (mirrored groups: `group:ext-…`). */
  acl?: Record<string, string[]>;
  /** What the ACL change does: the canaries it touches and their readers after it. */
  revocation: { note: string; readers: Record<string, Persona[]> };
  /** Changes access at the source and runs the propagating run(s); returns them. */
  revoke(): Promise<IngestionRun[]>;
  dispose(): Promise<void>;
};

/** QZXC + kind + section + digits: one alphanumeric word no tokenizer splits, unique per canary. */
export function tokenOf(kind: string, section: Section): string {
  const digits = [...`${kind}/${section}`].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 9000, 7) + 1000;
  return `QZXC${kind.replace(/[^a-z0-9]/gi, "").toUpperCase()}${section.toUpperCase()}${digits}`;
}

export const tagOf = (kind: string, section: Section) => `qzxctag-${kind}-${section}`;

function canary({ kind, section, tagged }: { kind: string; section: Section; tagged: boolean }): ConnectorCanary {
  const token = tokenOf(kind, section);
  return {
    name: `${kind}/${section}`,
    kind,
    section,
    token,
    needles: [token, ...(tagged ? [tagOf(kind, section)] : [])],
    readers: READERS[section],
  };
}

/** A canary's Markdown: the token in title, headings and body, as the folder suite's canaries. */
export function canaryMarkdown({ kind, section }: { kind: string; section: Section }): string {
  const t = tokenOf(kind, section);
  if (section === "public")
    return `# Annual leave policy ${t}\n\nEvery employee receives 25 days of annual leave per calendar year (${kind} copy). Leave requests go through the HR portal at least two weeks ahead. Reference ${t}.\n\n## Sick leave\n\nSick leave is separate from annual leave and needs a doctor's note after three days.\n`;
  return `# Severance terms ${t}\n\nThe confidential severance multiplier for the ${kind} ${section} review is ${t}. Annual leave payout on severance follows the ${t} schedule.\n\n## Leave and expenses ${t}\n\nRestricted detail: ${t} applies to annual leave, expenses and travel for the ${section} team only.\n`;
}

const accessYaml = ({
  kind,
  section,
  groups,
  users = [],
}: {
  kind: string;
  section: Section;
  groups: string[];
  users?: string[];
}) =>
  `groups: [${groups.join(", ")}]\nusers: [${users.join(", ")}]\nowner: "Owner ${tokenOf(kind, section)}"\ntags: [${tagOf(kind, section)}]\n`;

function succeeded(run: IngestionRun, what: string): IngestionRun {
  if (run.status !== "succeeded" || run.counts.failed > 0)
    throw new Error(`${what}: run ${run.status}, ${run.error ?? ""} ${JSON.stringify(run.counts)}`);
  return run;
}

// ---------------------------------------------------------------------------------------------
// Web: one intranet, four sections, one source per section with its own default ACL. The public
// handbook links into every restricted section: only the include globs keep those pages out of
// the public source (were they crawled there, they would be stored readable by everyone).

function htmlPage({ title, paragraphs, links = [] }: { title: string; paragraphs: string[]; links?: string[] }) {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${title}</title></head>
<body><nav><a href="/">Intranet home</a></nav>
<main><article><h1>${title}</h1>
${paragraphs.map((p) => `<p>${p}</p>`).join("\n")}
<p>See also: ${links.map((l) => `<a href="${l}">${l}</a>`).join(", ") || "nothing else"}.</p>
</article></main><footer>Intranet footer</footer></body></html>`;
}

function markdownToParagraphs(md: string): { title: string; paragraphs: string[] } {
  const lines = md.split("\n").filter((l) => l.trim() !== "");
  return { title: lines[0]!.replace(/^#\s*/, ""), paragraphs: lines.slice(1).map((l) => l.replace(/^#+\s*/, "")) };
}

export async function webCorpus({ db }: { db: Database }): Promise<ConnectorCorpus> {
  const kind = "web";
  const sections: { section: Section; acl: string[] }[] = [
    { section: "public", acl: ["everyone"] },
    { section: "hr", acl: ["hr"] },
    { section: "legal", acl: ["legal"] },
    { section: "nobody", acl: ["no-such-team"] },
  ];
  const leaf = (s: Section) => `/${s}/page`;
  const filler =
    "This section of the intranet collects the documents of one team. It is long enough for a reader view to take it as the main content of the page, which is what the crawler indexes.";
  const pages: Record<string, string> = {
    "/": htmlPage({ title: "Intranet", paragraphs: [filler], links: sections.map((s) => `/${s.section}/`) }),
  };
  for (const { section } of sections) {
    pages[`/${section}/`] = htmlPage({ title: `The ${section} section`, paragraphs: [filler], links: [leaf(section)] });
    const { title, paragraphs } = markdownToParagraphs(canaryMarkdown({ kind, section }));
    pages[leaf(section)] = htmlPage({
      title,
      paragraphs: [...paragraphs, filler],
      links: section === "public" ? sections.map((s) => leaf(s.section)) : ["/public/page"],
    });
  }
  const routes: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void> = {};
  for (const [p, html] of Object.entries(pages))
    routes[p] = (_req, res) => {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(html);
    };
  const site = await serveStaticSite({ pages: 1, sitemap: false, routes });
  const runs: IngestionRun[] = [];
  const names: string[] = [];
  for (const { section, acl } of sections) {
    const name = `web-${section}`;
    await createSource({
      db,
      name,
      kind: "web",
      config: { url: `${site.origin}/${section}/`, include: [`/${section}/**`], requestsPerSecond: 50 },
      defaultAcl: acl,
      schedule: null,
    });
    runs.push(succeeded(await runSource({ db, name }), name));
    names.push(name);
  }
  return {
    kind,
    sources: names,
    canaries: sections.map(({ section }) => canary({ kind, section, tagged: false })),
    runs,
    revocation: { note: "web-hr default ACL hr → legal, acl run", readers: { [`${kind}/hr`]: ["legal"] } },
    async revoke() {
      await updateSource({ db, source: "web-hr", defaultAcl: ["legal"] });
      return [succeeded(await runSource({ db, name: "web-hr", mode: "acl" }), "web-hr acl run")];
    },
    dispose: () => site.close(),
  };
}

// ---------------------------------------------------------------------------------------------
// Git and S3: the same tree, access by `.access.yaml` per folder; the hr canary sits two folders
// below its access file (the nearest one up the tree governs), public documents have none (the
// source default).

function treeFiles(kind: string): Record<string, string> {
  return {
    "handbook/leave.md": canaryMarkdown({ kind, section: "public" }),
    "hr/.access.yaml": accessYaml({ kind, section: "hr", groups: ["hr"] }),
    "hr/reviews/2026/severance.md": canaryMarkdown({ kind, section: "hr" }),
    "legal/.access.yaml": accessYaml({ kind, section: "legal", groups: ["legal"] }),
    "legal/contract.md": canaryMarkdown({ kind, section: "legal" }),
    // Names nobody: a group no one is in and a user that does not exist.
    "nobody/.access.yaml": accessYaml({ kind, section: "nobody", groups: ["no-such-team"], users: ["ghost"] }),
    "nobody/board.md": canaryMarkdown({ kind, section: "nobody" }),
  };
}

const treeCanaries = (kind: string) =>
  (["public", "hr", "legal", "nobody"] as const).map((section) =>
    canary({ kind, section, tagged: section !== "public" }),
  );

export async function gitCorpus({ db }: { db: Database }): Promise<ConnectorCorpus> {
  const kind = "git";
  const repo = await makeGitRepo({ files: treeFiles(kind) });
  await createSource({ db, name: "git", kind: "git", config: { repo: repo.dir }, defaultAcl: ["everyone"] });
  const runs = [succeeded(await runSource({ db, name: "git" }), "git")];
  return {
    kind,
    sources: ["git"],
    canaries: treeCanaries(kind),
    runs,
    revocation: {
      note: "legal/.access.yaml legal → exec, committed, sync run",
      readers: { [`${kind}/legal`]: [] },
    },
    async revoke() {
      await commitFiles({
        dir: repo.dir,
        files: { "legal/.access.yaml": accessYaml({ kind, section: "legal", groups: ["exec"] }) },
        message: "Legal documents are for exec only",
      });
      // The ACL-only pass reads access at the commit the last pull stored; a new commit reaches
      // the documents through a sync run, which sees only the access file changed.
      return [succeeded(await runSource({ db, name: "git" }), "git sync after access change")];
    },
    dispose: async () => fs.rmSync(repo.dir, { recursive: true, force: true }),
  };
}

export async function s3Corpus({
  db,
  server,
  bucket,
}: {
  db: Database;
  server: TestS3Server;
  bucket: string;
}): Promise<ConnectorCorpus> {
  const kind = "s3";
  const client = new S3Client({
    endpoint: server.endpoint,
    forcePathStyle: true,
    region: "us-east-1",
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    requestChecksumCalculation: "WHEN_REQUIRED",
  });
  const put = (key: string, body: string) =>
    client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from(body) }));
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  for (const [key, body] of Object.entries(treeFiles(kind))) await put(key, body);
  await createSource({
    db,
    name: "s3",
    kind: "s3",
    config: {
      bucket,
      endpoint: server.endpoint,
      accessKeyId: server.accessKeyId,
      secretAccessKey: server.secretAccessKey,
    },
    defaultAcl: ["everyone"],
  });
  const runs = [succeeded(await runSource({ db, name: "s3" }), "s3")];
  return {
    kind,
    sources: ["s3"],
    canaries: treeCanaries(kind),
    runs,
    revocation: { note: "legal/.access.yaml object legal → exec, acl run", readers: { [`${kind}/legal`]: [] } },
    async revoke() {
      await put("legal/.access.yaml", accessYaml({ kind, section: "legal", groups: ["exec"] }));
      return [succeeded(await runSource({ db, name: "s3", mode: "acl" }), "s3 acl run")];
    },
    dispose: async () => client.destroy(),
  };
}

// ---------------------------------------------------------------------------------------------
// SQL: one table per dialect, ACL column as CSV, JSON array, NULL (the default: everyone), a
// group no one is in, and names that are neither users nor valid group names (all dropped: the
// row must go to admins only, not fall back to the wider default).

export async function sqlCorpus({
  db,
  dialect,
}: {
  db: Database;
  dialect: "postgres" | "mysql";
}): Promise<ConnectorCorpus> {
  const kind = dialect === "postgres" ? "sqlpg" : "sqlmy";
  const rows: { id: number; section: Section; acl: string | null }[] = [
    { id: 1, section: "hr", acl: "hr" },
    { id: 2, section: "legal", acl: '["legal"]' },
    { id: 3, section: "public", acl: null },
    { id: 4, section: "nobody", acl: "no-such-team" },
    { id: 5, section: "invalid", acl: "ghost@example.invalid, not a name!" },
  ];
  const table = await seedSqlTable({
    dialect,
    rows: rows.map(({ id, section, acl }) => {
      const { title, paragraphs } = markdownToParagraphs(canaryMarkdown({ kind, section }));
      return { id, title, body: paragraphs.join("\n\n"), acl };
    }),
    prefix: "gw_leak",
  });
  const name = `sql-${dialect}`;
  await createSource({ db, name, kind: "sql", config: table.config({ aclColumn: "acl" }), defaultAcl: ["everyone"] });
  const runs = [succeeded(await runSource({ db, name }), name)];
  return {
    kind,
    sources: [name],
    canaries: rows.map(({ section }) => canary({ kind, section, tagged: false })),
    runs,
    // The public row too: everyone read it (and was pointed to it), from now on only exec may.
    revocation: {
      note: "acl column of rows 2 (legal) and 3 (public) → exec, acl run",
      readers: { [`${kind}/legal`]: [], [`${kind}/public`]: [] },
    },
    async revoke() {
      await table.exec(`update ${table.table} set acl = '["exec"]' where id in (2, 3)`);
      return [succeeded(await runSource({ db, name, mode: "acl" }), `${name} acl run`)];
    },
    dispose: () => table.drop(),
  };
}

// ---------------------------------------------------------------------------------------------
// Mirrored permissions: SharePoint and Zendesk Guide, where who reads is decided in the source's
// system (Graph permissions and Entra groups, Guide user segments and Zendesk groups) and the
// personas are matched to its users by verified e-mail (the demo users' addresses, verified
// here). A canary readable by a mirrored group is stored as that group; a group whose members
// match nobody, a hidden or link-only grant, a segment selected by tag all grant nothing beyond
// admins.

const personaEmail = (username: string) => `${username}@quillfeather.example`;

/** The demo users' e-mails verified: only a verified e-mail matches an external identity. */
async function verifyPersonaEmails(db: Database): Promise<void> {
  await db
    .update(users)
    .set({ emailVerified: true })
    .where(
      inArray(
        users.username,
        Object.values(PERSONAS).filter((u): u is NonNullable<typeof u> => u !== null),
      ),
    );
}

/** `group:<mirrored name>` of the source's group with this external id. */
async function mirroredPrincipal({ db, source, externalId }: { db: Database; source: string; externalId: string }) {
  const [row] = await db
    .select({ name: groups.name })
    .from(groups)
    .innerJoin(sources, eq(sources.id, groups.sourceId))
    .where(and(eq(sources.name, source), eq(groups.externalId, externalId)));
  if (!row) throw new Error(`${source} mirrored no group ${externalId}`);
  return `group:${row.name}`;
}

type GraphPermission = NonNullable<Parameters<TestGraphServer["addFile"]>[0]["permissions"]>[number];

const graphGroupGrant = (id: string, name: string): GraphPermission => ({
  id: `perm-${id}`,
  roles: ["read"],
  grantedToV2: { group: { id, displayName: name } },
});

export async function sharepointCorpus({
  db,
  graph,
}: {
  db: Database;
  graph: TestGraphServer;
}): Promise<ConnectorCorpus> {
  const kind = "sharepoint";
  await verifyPersonaEmails(db);
  const site = graph.addSite({ name: "leak-intranet" });
  graph.setGroups([
    { id: "grp-hr", displayName: "HR", members: [{ kind: "user", id: "aad-harper", mail: personaEmail("harper") }] },
    {
      id: "grp-legal",
      displayName: "Legal",
      // Nested: Lena is in Legal through Counsel; the framework flattens it.
      members: [{ kind: "group", id: "grp-counsel" }],
    },
    {
      id: "grp-counsel",
      displayName: "Counsel",
      members: [{ kind: "user", id: "aad-lena", mail: personaEmail("lena") }],
    },
    {
      id: "grp-ghosts",
      displayName: "Ghosts",
      members: [
        { kind: "user", id: "aad-ghost", mail: "ghost@elsewhere.example" },
        { kind: "user", id: "aad-hidden", mail: null },
      ],
    },
  ]);
  const file = (section: Section, permissions: GraphPermission[], parentId?: string) =>
    graph.addFile({
      driveId: site.driveId,
      name: `${section}.md`,
      content: canaryMarkdown({ kind, section }),
      permissions,
      ...(parentId ? { parentId } : {}),
    });
  // Legal's canary inherits its access from the folder it sits in.
  const legalFolder = graph.addFolder({
    driveId: site.driveId,
    name: "Legal",
    permissions: [graphGroupGrant("grp-legal", "Legal")],
  });
  const items = {
    hr: file("hr", [graphGroupGrant("grp-hr", "HR")]),
    legal: file("legal", [], legalFolder),
    public: file("public", [
      { id: "org-link", roles: ["read"], link: { scope: "organization", type: "view", webUrl: "https://x/o" } },
    ]),
    nobody: file("nobody", [graphGroupGrant("grp-ghosts", "Ghosts")]),
    // Anyone with the link, not opted in: a link share grants nothing.
    invalid: file("invalid", [
      { id: "anon-link", roles: ["read"], link: { scope: "anonymous", type: "view", webUrl: "https://x/a" } },
    ]),
  };
  await createSource({
    db,
    name: "sharepoint",
    kind: "sharepoint",
    config: graph.config({ sites: [site.siteId], includePages: false, organisationGroup: "everyone" }),
    schedule: null,
  });
  const runs = [succeeded(await runSource({ db, name: "sharepoint" }), "sharepoint")];
  const hr = await mirroredPrincipal({ db, source: "sharepoint", externalId: "grp-hr" });
  return {
    kind,
    sources: ["sharepoint"],
    canaries: (Object.keys(items) as Section[]).map((section) => canary({ kind, section, tagged: false })),
    runs,
    acl: {
      [`${kind}/hr`]: [hr],
      [`${kind}/legal`]: [await mirroredPrincipal({ db, source: "sharepoint", externalId: "grp-legal" })],
      [`${kind}/public`]: ["group:everyone"],
      [`${kind}/nobody`]: [await mirroredPrincipal({ db, source: "sharepoint", externalId: "grp-ghosts" })],
      [`${kind}/invalid`]: [],
    },
    revocation: {
      note: "sharepoint: hr.md re-shared from HR to Legal, and the Legal folder's grant removed; acl run",
      readers: { [`${kind}/hr`]: ["legal"], [`${kind}/legal`]: [] },
    },
    async revoke() {
      graph.setPermissions({
        driveId: site.driveId,
        itemId: items.hr,
        permissions: [graphGroupGrant("grp-legal", "Legal")],
      });
      graph.setPermissions({ driveId: site.driveId, itemId: legalFolder, permissions: [] });
      return [succeeded(await runSource({ db, name: "sharepoint", mode: "acl" }), "sharepoint acl run")];
    },
    dispose: async () => undefined,
  };
}

export async function zendeskCorpus({
  db,
  zendesk,
}: {
  db: Database;
  zendesk: ZendeskServer;
}): Promise<ConnectorCorpus> {
  const kind = "zendesk";
  await verifyPersonaEmails(db);
  const people = { harper: 201, lena: 202, emma: 203, sam: 204, ada: 205 } as const;
  zendesk.putUser({ id: people.harper, email: personaEmail("harper"), role: "agent" });
  zendesk.putUser({ id: people.lena, email: personaEmail("lena"), role: "agent" });
  zendesk.putUser({ id: people.emma, email: personaEmail("emma"), role: "end-user" });
  zendesk.putUser({ id: people.sam, email: personaEmail("sam"), role: "agent" });
  zendesk.putUser({ id: people.ada, email: personaEmail("ada"), role: "admin" });
  zendesk.putUser({ id: 299, email: "ghost@elsewhere.example", role: "agent" });
  zendesk.putGroup({ id: 10, name: "HR desk", members: [people.harper] });
  zendesk.putGroup({ id: 11, name: "Legal desk", members: [people.lena] });
  zendesk.putGroup({ id: 12, name: "Ghost desk", members: [299] });
  zendesk.putSegment({ id: 21, name: "HR agents", userType: "staff", groupIds: [10] });
  zendesk.putSegment({ id: 22, name: "Legal agents", userType: "staff", groupIds: [11] });
  zendesk.putSegment({ id: 23, name: "Ghost agents", userType: "staff", groupIds: [12] });
  // Selected by user tag: not mirrored (never guessed), so the article is admins only.
  zendesk.putSegment({ id: 24, name: "VIP", userType: "signed_in_users", tags: ["vip"] });
  zendesk.putCategory({ id: 1, name: "Policies" });
  zendesk.putSection({ id: 2, name: "Leak canaries", categoryId: 1 });
  const segmentOf: Record<Section, number | null> = { hr: 21, legal: 22, public: null, nobody: 23, invalid: 24 };
  const article = (section: Section, id: number, segmentId: number | null) => {
    const { title, paragraphs } = markdownToParagraphs(canaryMarkdown({ kind, section }));
    zendesk.putArticle({
      id,
      title,
      body: paragraphs.map((p) => `<p>${p}</p>`).join("\n"),
      sectionId: 2,
      segmentId,
    });
  };
  const ids: Record<Section, number> = { hr: 3001, legal: 3002, public: 3003, nobody: 3004, invalid: 3005 };
  for (const section of Object.keys(ids) as Section[]) article(section, ids[section], segmentOf[section]);
  // A draft with a token of its own is never indexed: were it stored, the token would be findable.
  zendesk.putArticle({ id: 3099, title: "Draft", body: `<p>${tokenOf(kind, "hr")}DRAFT</p>`, draft: true });
  await createSource({
    db,
    name: "zendesk",
    kind: "zendesk",
    config: { url: zendesk.url, email: zendesk.email, apiToken: zendesk.apiToken },
    schedule: null,
  });
  const runs = [succeeded(await runSource({ db, name: "zendesk" }), "zendesk")];
  const segment = (id: number) => mirroredPrincipal({ db, source: "zendesk", externalId: `segment:${id}` });
  return {
    kind,
    sources: ["zendesk"],
    canaries: (Object.keys(ids) as Section[]).map((section) => canary({ kind, section, tagged: false })),
    runs,
    acl: {
      [`${kind}/hr`]: [await segment(21)],
      [`${kind}/legal`]: [await segment(22)],
      [`${kind}/public`]: ["group:everyone"],
      [`${kind}/nobody`]: [await segment(23)],
      [`${kind}/invalid`]: await segment(24).then(
        (p) => [p],
        () => [],
      ),
    },
    // Both ways Guide revokes: the legal article moved to another segment (its ACL changes; the
    // article's updated_at moves, so the incremental sync sees it — same bytes, an ACL-only
    // update), and Harper removed from the HR desk (only the mirrored group's membership changes,
    // at the identity sync that starts the run).
    revocation: {
      note: "zendesk: legal article → Ghost agents segment, Harper leaves the HR desk; incremental sync",
      readers: { [`${kind}/legal`]: [], [`${kind}/hr`]: [] },
    },
    async revoke() {
      article("legal", ids.legal, 23);
      zendesk.putGroup({ id: 10, name: "HR desk", members: [] });
      return [succeeded(await runSource({ db, name: "zendesk" }), "zendesk sync")];
    },
    dispose: async () => undefined,
  };
}
