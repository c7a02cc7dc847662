import { createHash } from "node:crypto";
import { z } from "zod";
import { GroundworkError } from "@groundwork/core/errors";
import { normalizeAcl } from "@groundwork/access/acl";
import { FileError } from "../../document-model";
import { readIngestEnv } from "../../env";
import { acceptsFile } from "../../parse/registry";
import type { ResolvedAccess } from "../access-rules";
import {
  isReauthorizationError,
  PULL_PAGE_SIZE,
  type Checkpoint,
  type Connector,
  type ConnectorContext,
  type PullPage,
  type SourceEntry,
  type SourceItem,
} from "../connector";
import type { ExternalAccess } from "../external-access";
import { pageGrants, type Directory, type Layer } from "./access";
import { cloudApi, dataCenterApi, type AttachmentRecord, type ConfluenceApi, type PageRecord, type Space } from "./api";
import { openConfluence, type ConfluenceClient } from "./client";
import { confluenceConfigSchema, type ConfluenceConfig } from "./config";
import { notificationOutcome, verifyConfluenceSignature } from "./receive-notification";
import { pageHtml } from "./storage-format";

export { confluenceConfigSchema, type ConfluenceConfig } from "./config";

/**
 * Confluence Cloud and Data Center: every current page of the configured spaces (all global
 * spaces by default) as HTML from its storage-format body (storage-format.ts), and its
 * attachments in formats we parse, each with its access mirrored from the space's view
 * permission and the view restrictions of the page and all its ancestors (access.ts).
 *
 * Items: `page/<id>` (version: the page's version number) and `attachment/<id>` (the
 * attachment's version number). What is kept with each (`sourceMeta`: space, the chain of
 * content ids from the top ancestor to the page) lets a permission run decide access again from
 * the restrictions alone, without reading a page. A page moved elsewhere in the tree keeps its
 * version but its chain changes: the next sync updates the stored chain and access, 0 re-embeds.
 *
 * Syncs list each space's pages with their bodies (cursor pages on Cloud v2 sorted by id, offset
 * pages on Data Center); the checkpoint is the space and the next-page link, so a run killed
 * mid-space resumes at its last committed page. A finished pass ends with `{ complete: true }` and
 * the next run lists again — unchanged pages cost one listing entry and their restriction
 * lookups, never a read or an embedding. Webhooks (signed with the webhook secret) trigger a
 * targeted sync of the page, or a permission run for restriction, space and group changes.
 */
type ConfluenceCheckpoint = { spaceKey: string; next: string | null } | { complete: true };

/** What is kept with a stored item (and read back by permission runs). */
type ItemMeta = { kind: "page" | "attachment"; spaceKey: string; chain: string[]; pageId: string };

const pageItemId = (id: string) => `page/${id}`;
const attachmentItemId = (id: string) => `attachment/${id}`;

/** Per run (per context): the client, the lookups every item of the run shares, cached. */
type Runtime = {
  client: ConfluenceClient;
  api: ConfluenceApi;
  config: ConfluenceConfig;
  ctx: ConnectorContext;
  spaces(): Promise<Map<string, Space>>;
  spaceLayer(spaceKey: string): Promise<Layer>;
  restriction(contentId: string): Promise<Layer | null>;
  seedRestriction(contentId: string, layer: Layer | null): void;
  directory(): Promise<Directory>;
  setDirectory(groups: Directory): void;
  /** content id → parent id, as far as this run has seen (Cloud lists parents only). */
  parents: Map<string, string | null>;
  maxBytes: number;
  unstructured: boolean;
};

const runtimes = new WeakMap<ConnectorContext, Runtime>();

function runtime(config: ConfluenceConfig, ctx: ConnectorContext): Runtime {
  const hit = runtimes.get(ctx);
  if (hit) return hit;
  const client = openConfluence({ config, ctx });
  const api = config.deployment === "cloud" ? cloudApi({ client, config }) : dataCenterApi({ client, config });
  const once = <T>(load: () => Promise<T>) => {
    let p: Promise<T> | null = null;
    return () => {
      if (!p) {
        p = load();
        // A failed load (a 429 beyond the wait) is asked again by the next caller, not remembered.
        p.catch(() => (p = null));
      }
      return p;
    };
  };
  const keyed = <T>(load: (key: string) => Promise<T>) => {
    const cache = new Map<string, Promise<T>>();
    return {
      get(key: string) {
        let p = cache.get(key);
        if (!p) {
          p = load(key);
          cache.set(key, p);
          p.catch(() => cache.delete(key));
        }
        return p;
      },
      set: (key: string, value: T) => void cache.set(key, Promise.resolve(value)),
    };
  };
  const spaces = once(async () => new Map((await api.listSpaces()).map((s) => [s.key, s])));
  const layers = keyed(async (key) => {
    const space = (await spaces()).get(key);
    // A space no longer listed (deleted, archived, out of --spaces, no longer readable): nobody.
    return space ? api.spaceLayer(space) : { anonymous: false, users: [], groups: [] };
  });
  const restrictions = keyed((id) => api.readRestriction(id));
  let directory: Promise<Directory> | null = null;
  const rt: Runtime = {
    client,
    api,
    config,
    ctx,
    spaces,
    spaceLayer: (key) => layers.get(key),
    restriction: (id) => restrictions.get(id),
    seedRestriction: (id, layer) => restrictions.set(id, layer),
    directory: () => (directory ??= api.groups().then((groups) => new Map(groups.map((g) => [g.externalId, g])))),
    setDirectory: (groups) => void (directory = Promise.resolve(groups)),
    parents: new Map(),
    maxBytes: readIngestEnv().maxFileBytes,
    unstructured: readIngestEnv().unstructured !== null,
  };
  runtimes.set(ctx, rt);
  return rt;
}

/** The ids from the top ancestor down to the page itself. */
async function chainOf(rt: Runtime, page: PageRecord): Promise<string[]> {
  if (page.ancestors) {
    let parent: string | null = null;
    for (const id of page.ancestors) {
      rt.parents.set(id, parent);
      parent = id;
    }
    rt.parents.set(page.id, page.parentId);
    return [...page.ancestors, page.id];
  }
  rt.parents.set(page.id, page.parentId);
  const chain = [page.id];
  const seen = new Set(chain);
  let parent = page.parentId;
  while (parent) {
    if (seen.has(parent)) break; // a cycle would be Confluence's bug; never loop on it
    if (!rt.parents.has(parent)) {
      // A parent this run has not listed (later in the space's order, a folder): ask for the whole chain once.
      const ancestors = await rt.api.ancestorsOf(page.id);
      let above: string | null = null;
      for (const id of ancestors) {
        if (!rt.parents.has(id)) rt.parents.set(id, above);
        above = id;
      }
      return [...ancestors, page.id];
    }
    chain.unshift(parent);
    seen.add(parent);
    parent = rt.parents.get(parent) ?? null;
  }
  return chain;
}

async function decide(rt: Runtime, meta: Pick<ItemMeta, "spaceKey" | "chain">): Promise<ExternalAccess> {
  const [space, restrictions, directory] = await Promise.all([
    rt.spaceLayer(meta.spaceKey),
    Promise.all(meta.chain.map((id) => rt.restriction(id))),
    rt.directory(),
  ]);
  return rt.ctx.identities.resolve(pageGrants({ space, restrictions, directory }));
}

function accessOfItem(rt: Runtime, meta: ItemMeta, what: string): () => Promise<ResolvedAccess> {
  return async () => {
    try {
      return await decide(rt, meta);
    } catch (error) {
      // The run's failures (refused credentials, a wait for the scheduler, a refused host) stay the run's.
      if (isReauthorizationError(error) || (error instanceof GroundworkError && error.code !== "not_found"))
        throw error;
      // Never widened: an item whose access cannot be decided fails alone and is not stored.
      throw new FileError(`Access of ${what} could not be decided: ${(error as Error).message}`, { cause: error });
    }
  };
}

const urlOf = (rt: Runtime, webui: string | null) => (webui ? rt.client.base + webui : undefined);
const dateOf = (s: string | null) => (s && Number.isFinite(Date.parse(s)) ? new Date(s) : null);

function pageEntry({
  rt,
  page,
  space,
  chain,
}: {
  rt: Runtime;
  page: PageRecord;
  space: Space;
  chain: string[];
}): SourceItem {
  let html: Uint8Array | null = null;
  const bytes = () =>
    (html ??= new TextEncoder().encode(
      pageHtml({ title: page.title, trail: [space.name], storage: page.storage ?? "" }),
    ));
  const meta: ItemMeta = { kind: "page", spaceKey: space.key, chain, pageId: page.id };
  const url = urlOf(rt, page.webui);
  return {
    id: pageItemId(page.id),
    filename: `${page.id}.html`,
    title: page.title,
    ...(url ? { url } : {}),
    size: bytes().byteLength,
    modifiedAt: dateOf(page.modifiedAt),
    version: String(page.version),
    sourceMeta: meta,
    hash: async () => createHash("sha256").update(bytes()).digest("hex"),
    read: async () => bytes(),
    access: accessOfItem(rt, meta, `page ${page.id} (${page.title})`),
  };
}

function attachmentEntry({
  rt,
  attachment,
  space,
  chain,
}: {
  rt: Runtime;
  attachment: AttachmentRecord;
  space: Space;
  chain: string[];
}): SourceEntry {
  const id = attachmentItemId(attachment.id);
  if (attachment.size > rt.maxBytes)
    return { id, error: `${attachment.title} is too large (${attachment.size} bytes, limit ${rt.maxBytes}).` };
  if (!attachment.download) return { id, error: `${attachment.title} has no download link.` };
  const download = attachment.download;
  let bytes: Promise<Uint8Array> | null = null;
  const read = () =>
    (bytes ??= rt.client.download(download, rt.maxBytes).catch((error: unknown) => {
      bytes = null;
      if (error instanceof GroundworkError && error.code === "not_found")
        throw new FileError(`${attachment.title} is gone from Confluence (deleted after it was listed).`, {
          cause: error,
        });
      throw error;
    }));
  // An attachment is readable by whoever may read its page (restrictions apply to the page's attachments).
  const meta: ItemMeta = { kind: "attachment", spaceKey: space.key, chain, pageId: attachment.pageId };
  const url = urlOf(rt, attachment.webui);
  return {
    id,
    filename: attachment.title,
    title: attachment.title,
    ...(url ? { url } : {}),
    size: attachment.size,
    modifiedAt: dateOf(attachment.modifiedAt),
    version: String(attachment.version),
    sourceMeta: meta,
    async hash() {
      return createHash("sha256")
        .update(await read())
        .digest("hex");
    },
    read,
    access: accessOfItem(rt, meta, `attachment ${attachment.title}`),
  };
}

/** A page and (when configured) its attachments in formats we parse, as entries. */
async function entriesOf(rt: Runtime, page: PageRecord, space: Space): Promise<SourceEntry[]> {
  if (page.restriction !== undefined) rt.seedRestriction(page.id, page.restriction);
  const chain = await chainOf(rt, page);
  // Warm the restriction lookups the items' access() will make, alongside the attachment listing
  // (a failure is met again, and reported, by access() itself).
  for (const id of chain) rt.restriction(id).catch(() => undefined);
  const out: SourceEntry[] = [pageEntry({ rt, page, space, chain })];
  if (rt.config.includeAttachments)
    for (const attachment of await rt.api.attachmentsOf(page.id))
      if (acceptsFile(attachment.title, { unstructured: rt.unstructured }))
        out.push(attachmentEntry({ rt, attachment, space, chain }));
  return out;
}

/** Requests a run keeps in flight at once against the site (listing attachments, restrictions). */
const LOOKUPS = 8;

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

function readCheckpoint(checkpoint: Checkpoint | null): { spaceKey: string; next: string | null } | null {
  if (!checkpoint || checkpoint.complete === true) return null;
  if (typeof checkpoint.spaceKey !== "string") return null;
  return { spaceKey: checkpoint.spaceKey, next: typeof checkpoint.next === "string" ? checkpoint.next : null };
}

async function* pullSpaces({
  rt,
  checkpoint,
}: {
  rt: Runtime;
  checkpoint: Checkpoint | null;
}): AsyncIterable<PullPage> {
  const spaces = [...(await rt.spaces()).values()].sort((a, b) => a.key.localeCompare(b.key));
  const resume = readCheckpoint(checkpoint);
  let start = resume ? spaces.findIndex((s) => s.key === resume.spaceKey) : 0;
  // The space of the checkpoint is gone: start over (unchanged pages cost nothing).
  if (start < 0) start = 0;
  for (let i = start; i < spaces.length; i++) {
    const space = spaces[i]!;
    let cursor = resume && i === start && resume.spaceKey === space.key ? resume.next : null;
    for (;;) {
      const answer = await rt.api.pagesOf(space, cursor);
      const current = answer.pages.filter((p) => p.current);
      // Parents first, so pages of one answer find each other's chains without asking for ancestors.
      for (const page of current) if (!page.ancestors) rt.parents.set(page.id, page.parentId);
      const entries = (await mapLimit(current, LOOKUPS, (page) => entriesOf(rt, page, space))).flat();
      const after: ConfluenceCheckpoint = answer.next
        ? { spaceKey: space.key, next: answer.next }
        : spaces[i + 1]
          ? { spaceKey: spaces[i + 1]!.key, next: null }
          : { complete: true };
      const here: ConfluenceCheckpoint = { spaceKey: space.key, next: cursor };
      const chunks = Math.max(1, Math.ceil(entries.length / PULL_PAGE_SIZE));
      // Every chunk but an answer's last resumes at the same answer (its stored items are unchanged by version).
      for (let c = 0; c < chunks; c++)
        yield {
          items: entries.slice(c * PULL_PAGE_SIZE, (c + 1) * PULL_PAGE_SIZE),
          checkpoint: c === chunks - 1 ? after : here,
        };
      if (rt.ctx.signal.aborted || !answer.next) break;
      cursor = answer.next;
    }
    if (rt.ctx.signal.aborted) return;
  }
  if (!spaces.length) yield { items: [], checkpoint: { complete: true } };
}

function storedMeta(ctx: ConnectorContext, id: string): ItemMeta | null {
  const meta = ctx.previous(id)?.sourceMeta as Partial<ItemMeta> | undefined;
  if (!meta || typeof meta.spaceKey !== "string" || !Array.isArray(meta.chain) || !meta.chain.length) return null;
  return {
    kind: meta.kind === "attachment" ? "attachment" : "page",
    spaceKey: meta.spaceKey,
    chain: meta.chain.map(String),
    pageId: String(meta.pageId ?? meta.chain.at(-1)),
  };
}

const DENY: ResolvedAccess = { acl: normalizeAcl([]), owner: null, tags: [] };

export const confluenceConnector: Connector<ConfluenceConfig> = {
  kind: "confluence",
  label: "Confluence",
  configSchema: confluenceConfigSchema,
  defaultEverySeconds: 30 * 60,
  defaultPermissionEverySeconds: 5 * 60,

  async check({ config, ctx }) {
    const rt = runtime(config, ctx);
    const me = await rt.api.currentUser().catch((error: unknown) => {
      if ((error as Error).name === "ReauthorizationError")
        throw new GroundworkError("bad_request", (error as Error).message);
      throw error;
    });
    if (me.anonymous)
      throw new GroundworkError(
        "bad_request",
        `${rt.client.base} treats these credentials as an anonymous visitor: check the ${config.deployment === "cloud" ? "e-mail and API token (or the OAuth token)" : "personal access token"}.`,
      );
    const spaces = await rt.spaces();
    const missing = (config.spaces ?? []).filter((k) => !spaces.has(k));
    if (missing.length)
      throw new GroundworkError(
        "bad_request",
        `${me.name ?? "The account"} cannot read the space${missing.length > 1 ? "s" : ""} ${missing.join(", ")}: check the key${missing.length > 1 ? "s" : ""} in --spaces and the account's View permission there.`,
      );
    if (!spaces.size)
      throw new GroundworkError(
        "bad_request",
        `${me.name ?? "The account"} can read no global space on ${rt.client.base}: give it the View permission on the spaces to ingest, or name them with --spaces.`,
      );
    // Space permissions and groups are what access is mirrored from: without them every page would be unreadable here.
    const first = [...spaces.values()][0]!;
    await rt.api.spaceLayer(first);
    const { pages } = await rt.api.pagesOf(first, null);
    if (pages[0]) await rt.api.readRestriction(pages[0].id);
    await rt.client.get("/rest/api/group?limit=1", z.unknown());
  },

  pull: ({ config, checkpoint, ctx }) => pullSpaces({ rt: runtime(config, ctx), checkpoint }),

  async *pullItems({ config, ids, ctx }) {
    const rt = runtime(config, ctx);
    const spaces = await rt.spaces();
    const pageIds = new Set<string>();
    for (const id of ids) {
      const m = /^page\/(\d+)$/.exec(id);
      if (m) pageIds.add(m[1]!);
      else if (/^attachment\/\d+$/.test(id)) {
        const pageId = storedMeta(ctx, id)?.pageId;
        if (pageId) pageIds.add(pageId);
      }
    }
    const items: SourceEntry[] = [];
    const deleted: string[] = [];
    for (const pageId of pageIds) {
      const page = await rt.api.pageById(pageId);
      const space = page ? spaces.get(page.spaceKey) : undefined;
      // Trashed, deleted, or moved to a space this source does not ingest: gone from here.
      if (!page || !page.current || !space) deleted.push(pageItemId(pageId));
      else items.push(...(await entriesOf(rt, page, space)));
      if (items.length >= PULL_PAGE_SIZE) {
        yield { items: items.splice(0) };
        if (ctx.signal.aborted) return;
      }
    }
    yield { items, ...(deleted.length ? { deleted } : {}) };
  },

  async listIds({ config, ctx }) {
    const rt = runtime(config, ctx);
    const ids: string[] = [];
    for (const space of (await rt.spaces()).values()) {
      let cursor: string | null = null;
      do {
        const answer = await rt.api.pagesOf(space, cursor);
        for (const page of answer.pages) {
          if (!page.current) continue;
          ids.push(pageItemId(page.id));
          if (config.includeAttachments)
            for (const a of await rt.api.attachmentsOf(page.id))
              if (acceptsFile(a.title, { unstructured: rt.unstructured })) ids.push(attachmentItemId(a.id));
        }
        cursor = answer.next;
      } while (cursor && !ctx.signal.aborted);
    }
    return ids;
  },

  async syncIdentities({ config, ctx }) {
    const rt = runtime(config, ctx);
    const groups = await rt.api.groups();
    // The same listing decides this run's restricted pages (their users are the intersection of groups' members).
    rt.setDirectory(new Map(groups.map((g) => [g.externalId, g])));
    return groups;
  },

  async accessOf({ config, ids, ctx }) {
    const rt = runtime(config, ctx);
    const out = new Map<string, ResolvedAccess>();
    const queue = [...ids];
    // Eight lookups at a time: a permission run is request-bound (one restriction lookup per page of the tree, cached).
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        let meta = storedMeta(ctx, id);
        if (!meta) {
          const m = /^page\/(\d+)$/.exec(id);
          const page = m ? await rt.api.pageById(m[1]!) : null;
          if (!page || !page.current) {
            // Unknown here or gone at the source: nobody reads it until the next sync removes it (never the default ACL).
            out.set(id, DENY);
            continue;
          }
          meta = { kind: "page", spaceKey: page.spaceKey, chain: await chainOf(rt, page), pageId: page.id };
        }
        out.set(id, await decide(rt, meta));
      }
    };
    await Promise.all(Array.from({ length: LOOKUPS }, worker));
    return out;
  },

  async receiveNotification({ config, body, headers }) {
    const secret = config.webhookSecret;
    if (!secret || !verifyConfluenceSignature({ secret, headers, body })) return { kind: "rejected" };
    return notificationOutcome({ body, headers });
  },
};
