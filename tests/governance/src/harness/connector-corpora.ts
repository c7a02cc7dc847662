import type http from "node:http";
import fs from "node:fs";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { createSource, updateSource } from "@groundwork/ingest";
import {
  commitFiles,
  makeGitRepo,
  runSource,
  seedSqlTable,
  serveStaticSite,
  type TestS3Server,
} from "@groundwork/ingest/testing";
import type { Database } from "@groundwork/db/client";
import type { IngestionRun } from "@groundwork/db/schema";
import type { Persona } from "./app-harness";
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
