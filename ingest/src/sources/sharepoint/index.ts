import { createHash } from "node:crypto";
import { GroundworkError } from "@groundwork/core/errors";
import { FileError } from "../../document-model";
import { readIngestEnv } from "../../env";
import { acceptsFile } from "../../parse/registry";
import type { ResolvedAccess } from "../access-rules";
import {
  PULL_PAGE_SIZE,
  type Checkpoint,
  type Connector,
  type ConnectorContext,
  type PullPage,
  type SourceEntry,
} from "../connector";
import type { ExternalGroup, ExternalPrincipal } from "../external-access";
import { sharepointConfigSchema, type SharepointConfig } from "./config";
import { principalsOfPermissions, type GraphPermission } from "./graph-permissions";
import { receiveGraphNotification } from "./graph-notifications";
import { DeltaExpiredError, openGraph, type GraphSession } from "./graph-session";
import { ensureGraphSubscriptions } from "./graph-subscriptions";
import { sitePageHtml, type SitePage } from "./site-pages";

export { sharepointConfigSchema, type SharepointConfig } from "./config";

/**
 * SharePoint Online and OneDrive through Microsoft Graph (app-only, client credentials).
 *
 * Items: every file of the configured sites' document libraries (and extra drives) in a format
 * we parse, id `<driveId>/<itemId>`, version its cTag (changes with the content only, so a
 * rename or a permission change is not a re-read); and each site's pages, id
 * `page/<siteId>/<pageId>`, as HTML from their canvas layout, version the page's eTag.
 *
 * Changes: `/drives/{id}/root/delta` per drive. The checkpoint holds, per drive, the link to go
 * on from: the `@odata.nextLink` while a drive's pages are being read (a resumed run goes on
 * mid-drive), then its `@odata.deltaLink` (the next run asks only what changed since).
 * `Prefer: deltashowsharingchanges` makes delta also report items whose sharing changed, so a
 * sync run sees permission changes as ACL-only updates. An expired delta token (410) starts the
 * drive over; unchanged files then cost no download (same cTag). Pages have no delta: each run
 * lists them (cheap) and reads only those whose eTag moved.
 *
 * Access: each item's Graph permissions (own and inherited) → external principals →
 * `ctx.identities.resolve` (deny by default). Pages have no permissions of their own in Graph
 * v1.0: they carry their site's, read from the site's default library root (Owners, Members,
 * Visitors and the site's Microsoft 365 group). Groups: the tenant's groups with their
 * transitive members (`syncIdentities`).
 */
type DriveRef = { driveId: string; siteId: string | null };
type DriveState = { link: string; complete: boolean };
type SpCheckpoint = { drives: Record<string, DriveState> };

type DriveItem = {
  id: string;
  name?: string;
  size?: number;
  cTag?: string;
  eTag?: string;
  webUrl?: string;
  lastModifiedDateTime?: string;
  file?: { mimeType?: string };
  folder?: unknown;
  deleted?: unknown;
  root?: unknown;
  package?: unknown;
  createdBy?: { user?: { displayName?: string } };
  parentReference?: { driveId?: string; siteId?: string };
};
type DeltaPage = { value?: DriveItem[]; "@odata.nextLink"?: string; "@odata.deltaLink"?: string };

const DELTA_PREFER = "deltashowsharingchanges, deltashowremovedasdeleted, deltatraversepermissiongaps";
const DELTA_SELECT =
  "id,name,size,cTag,eTag,webUrl,lastModifiedDateTime,file,folder,deleted,root,package,createdBy,parentReference";

const itemId = (driveId: string, id: string) => `${driveId}/${id}`;
const pageItemId = (siteId: string, id: string) => `page/${siteId}/${id}`;

function parseId(
  id: string,
): { kind: "file"; driveId: string; itemId: string } | { kind: "page"; siteId: string; pageId: string } {
  if (id.startsWith("page/")) {
    const rest = id.slice(5);
    const cut = rest.lastIndexOf("/");
    return { kind: "page", siteId: rest.slice(0, cut), pageId: rest.slice(cut + 1) };
  }
  const cut = id.indexOf("/");
  return { kind: "file", driveId: id.slice(0, cut), itemId: id.slice(cut + 1) };
}

const enc = encodeURIComponent;

async function resolveSites({ graph, config }: { graph: GraphSession; config: SharepointConfig }): Promise<string[]> {
  if (config.sites?.length) {
    const ids: string[] = [];
    for (const site of config.sites) {
      // "host:/sites/hr" is Graph's path form; a site id ("host,guid,guid") is used as is.
      const path = site.includes(":/") ? `/sites/${site}` : `/sites/${enc(site)}`;
      ids.push((await graph.get<{ id: string }>(`${path}?$select=id`)).id);
    }
    return ids;
  }
  const sites = await graph.all<{ id: string }>("/sites?search=*&$select=id");
  return sites.map((s) => s.id);
}

async function resolveDrives({ graph, config }: { graph: GraphSession; config: SharepointConfig }): Promise<{
  drives: DriveRef[];
  sites: string[];
}> {
  const sites = await resolveSites({ graph, config });
  const drives: DriveRef[] = [];
  for (const siteId of sites)
    for (const d of await graph.all<{ id: string }>(`/sites/${enc(siteId)}/drives?$select=id`))
      drives.push({ driveId: d.id, siteId });
  for (const driveId of config.drives ?? []) {
    const d = await graph.get<{ id: string; sharePointIds?: { siteId?: string } }>(`/drives/${enc(driveId)}`);
    if (!drives.some((x) => x.driveId === d.id)) drives.push({ driveId: d.id, siteId: null });
  }
  return { drives, sites };
}

/** Pages of one drive's delta from `link` (throws DeltaExpiredError when the token is too old). */
async function* deltaPages({ graph, link }: { graph: GraphSession; link: string }): AsyncGenerator<DeltaPage> {
  let next: string | undefined = link;
  while (next) {
    const page: DeltaPage = await graph.get<DeltaPage>(next, { headers: { Prefer: DELTA_PREFER } });
    yield page;
    const following: string | undefined = page["@odata.nextLink"];
    if (following === next) throw new Error("Microsoft Graph sent the same delta page link twice.");
    next = following;
  }
}

const startLink = (driveId: string) => `/drives/${enc(driveId)}/root/delta?$select=${DELTA_SELECT}`;

function wantedFile(item: DriveItem, unstructured: boolean): boolean {
  return Boolean(item.file) && !item.deleted && !item.package && acceptsFile(item.name ?? "", { unstructured });
}

type Runtime = { graph: GraphSession; config: SharepointConfig; ctx: ConnectorContext; maxBytes: number };

async function resolveGrants(rt: Runtime, grants: ExternalPrincipal[], owner: string | null): Promise<ResolvedAccess> {
  const access = await rt.ctx.identities.resolve(grants);
  return { ...access, owner: access.owner ?? owner };
}

async function filePermissions(rt: Runtime, driveId: string, id: string): Promise<GraphPermission[]> {
  return rt.graph.all<GraphPermission>(`/drives/${enc(driveId)}/items/${enc(id)}/permissions`);
}

// A site's pages carry the site's permissions: those of its default library's root.
function sitePermissions(rt: Runtime) {
  const cache = new Map<string, Promise<GraphPermission[]>>();
  return (siteId: string) => {
    let hit = cache.get(siteId);
    if (!hit) {
      hit = rt.graph.all<GraphPermission>(`/sites/${enc(siteId)}/drive/root/permissions`);
      cache.set(siteId, hit);
    }
    return hit;
  };
}

/** One item's failure to be read that is the item's, not the run's (gone since it was listed, locked). */
function asItemError(error: unknown, what: string): Error {
  const message = (error as Error).message ?? String(error);
  if (error instanceof GroundworkError && /has no /.test(message))
    return new FileError(`${what} is gone from SharePoint (deleted after it was listed).`, { cause: error });
  return error as Error;
}

function fileEntry({
  rt,
  driveId,
  siteId,
  item,
}: {
  rt: Runtime;
  driveId: string;
  siteId: string | null;
  item: DriveItem;
}): SourceEntry {
  const size = item.size ?? -1;
  if (size > rt.maxBytes)
    return { id: itemId(driveId, item.id), error: `${item.name} is too large (${size} bytes, limit ${rt.maxBytes}).` };
  let bytes: Promise<Uint8Array> | null = null;
  const read = () =>
    (bytes ??= rt.graph
      .download(`/drives/${enc(driveId)}/items/${enc(item.id)}/content`, rt.maxBytes)
      .catch((error: unknown) => {
        bytes = null;
        throw asItemError(error, item.name ?? item.id);
      }));
  return {
    id: itemId(driveId, item.id),
    filename: item.name ?? item.id,
    ...(item.webUrl ? { url: item.webUrl } : {}),
    size,
    modifiedAt: item.lastModifiedDateTime ? new Date(item.lastModifiedDateTime) : null,
    version: item.cTag ?? item.eTag ?? null,
    sourceMeta: { driveId, itemId: item.id, siteId },
    async hash() {
      return createHash("sha256")
        .update(await read())
        .digest("hex");
    },
    read,
    async access() {
      const permissions = await filePermissions(rt, driveId, item.id).catch((error: unknown) => {
        throw asItemError(error, item.name ?? item.id);
      });
      return resolveGrants(
        rt,
        principalsOfPermissions({ permissions, siteId }),
        item.createdBy?.user?.displayName ?? null,
      );
    },
  };
}

function pageEntry({
  rt,
  siteId,
  page,
  siteAccess,
}: {
  rt: Runtime;
  siteId: string;
  page: SitePage;
  siteAccess: ReturnType<typeof sitePermissions>;
}): SourceEntry {
  let html: Promise<Uint8Array> | null = null;
  const read = () =>
    (html ??= rt.graph
      .get<SitePage>(`/sites/${enc(siteId)}/pages/${enc(page.id)}/microsoft.graph.sitePage?$expand=canvasLayout`)
      .then((full) => new TextEncoder().encode(sitePageHtml(full)))
      .catch((error: unknown) => {
        html = null;
        throw asItemError(error, page.title ?? page.id);
      }));
  return {
    id: pageItemId(siteId, page.id),
    filename: `${(page.name ?? page.id).replace(/\.aspx$/i, "")}.html`,
    ...(page.title ? { title: page.title } : {}),
    ...(page.webUrl ? { url: page.webUrl } : {}),
    size: -1,
    modifiedAt: page.lastModifiedDateTime ? new Date(page.lastModifiedDateTime) : null,
    version: page.eTag ?? page.lastModifiedDateTime ?? null,
    sourceMeta: { siteId, pageId: page.id },
    async hash() {
      return createHash("sha256")
        .update(await read())
        .digest("hex");
    },
    read,
    async access() {
      const permissions = await siteAccess(siteId);
      return resolveGrants(
        rt,
        principalsOfPermissions({ permissions, siteId }),
        page.createdBy?.user?.displayName ?? null,
      );
    },
  };
}

const listPages = (rt: Runtime, siteId: string) =>
  rt.graph.all<SitePage>(
    `/sites/${enc(siteId)}/pages/microsoft.graph.sitePage?$select=id,name,title,webUrl,eTag,lastModifiedDateTime,createdBy`,
  );

function runtime(config: SharepointConfig, ctx: ConnectorContext): Runtime {
  return { graph: openGraph({ config, ctx }), config, ctx, maxBytes: readIngestEnv().maxFileBytes };
}

function readCheckpoint(checkpoint: Checkpoint | null): SpCheckpoint {
  const drives = (checkpoint?.drives ?? {}) as Record<string, DriveState>;
  return { drives: { ...drives } };
}

export const sharepointConnector: Connector<SharepointConfig> = {
  kind: "sharepoint",
  label: "SharePoint / OneDrive",
  defaultPermissionEverySeconds: 5 * 60,
  configSchema: sharepointConfigSchema,
  defaultEverySeconds: 3600,

  async check({ config, ctx }) {
    const graph = openGraph({ config, ctx });
    const { drives, sites } = await resolveDrives({ graph, config });
    if (sites.length === 0 && drives.length === 0)
      throw new GroundworkError(
        "bad_request",
        "The app can read no SharePoint site: grant it Sites.Read.All (application permission, with admin consent), or name --sites.",
      );
    // One delta request proves Files/Sites.Read.All on a library, without enumerating it.
    if (drives[0]) await graph.get(`/drives/${enc(drives[0].driveId)}/root/delta?token=latest`);
    if (drives[0]) await graph.get(`/drives/${enc(drives[0].driveId)}/root/permissions`);
    if (config.syncGroups) await graph.get("/groups?$top=1&$select=id");
  },

  async *pull({ config, checkpoint, ctx }): AsyncIterable<PullPage> {
    const rt = runtime(config, ctx);
    const unstructured = readIngestEnv().unstructured !== null;
    const state = readCheckpoint(checkpoint);
    const { drives, sites } = await resolveDrives({ graph: rt.graph, config });
    const snapshot = (): Checkpoint => ({ drives: { ...state.drives } });

    for (const { driveId, siteId } of drives) {
      let link = state.drives[driveId]?.link ?? startLink(driveId);
      for (let attempt = 0; ; attempt++) {
        try {
          let items: SourceEntry[] = [];
          let deleted: string[] = [];
          for await (const page of deltaPages({ graph: rt.graph, link })) {
            for (const item of page.value ?? []) {
              if (item.deleted) deleted.push(itemId(driveId, item.id));
              else if (wantedFile(item, unstructured)) items.push(fileEntry({ rt, driveId, siteId, item }));
            }
            const nextLink = page["@odata.nextLink"];
            const deltaLink = page["@odata.deltaLink"];
            if (nextLink) state.drives[driveId] = { link: nextLink, complete: false };
            else if (deltaLink) state.drives[driveId] = { link: deltaLink, complete: true };
            else
              throw new Error("Microsoft Graph sent a delta page with neither @odata.nextLink nor @odata.deltaLink.");
            // A Graph page is the checkpoint unit: resuming from its nextLink never skips an item.
            if (items.length >= PULL_PAGE_SIZE || !nextLink || deleted.length > 0) {
              yield { items, ...(deleted.length ? { deleted } : {}), checkpoint: snapshot() };
              items = [];
              deleted = [];
              if (ctx.signal.aborted) return;
            } else if (items.length > 0) {
              yield { items, checkpoint: snapshot() };
              items = [];
            }
          }
          break;
        } catch (error) {
          if (!(error instanceof DeltaExpiredError) || attempt > 0) throw error;
          ctx.log("sharepoint delta token expired; enumerating the drive again", { driveId });
          link = startLink(driveId);
        }
      }
    }

    if (config.includePages) {
      const siteAccess = sitePermissions(rt);
      for (const siteId of sites) {
        const pages = await listPages(rt, siteId);
        for (let i = 0; i < pages.length; i += PULL_PAGE_SIZE)
          yield {
            items: pages.slice(i, i + PULL_PAGE_SIZE).map((page) => pageEntry({ rt, siteId, page, siteAccess })),
            checkpoint: snapshot(),
          };
      }
    }
    yield { items: [], checkpoint: snapshot() };
  },

  async *pullItems({ config, ids, ctx }) {
    const rt = runtime(config, ctx);
    const unstructured = readIngestEnv().unstructured !== null;
    const siteAccess = sitePermissions(rt);
    const items: SourceEntry[] = [];
    const deleted: string[] = [];
    for (const id of ids) {
      const ref = parseId(id);
      try {
        if (ref.kind === "file") {
          const item = await rt.graph.get<DriveItem>(
            `/drives/${enc(ref.driveId)}/items/${enc(ref.itemId)}?$select=${DELTA_SELECT}`,
          );
          const siteId =
            (ctx.previous(id)?.sourceMeta.siteId as string | null | undefined) ?? item.parentReference?.siteId ?? null;
          if (wantedFile(item, unstructured)) items.push(fileEntry({ rt, driveId: ref.driveId, siteId, item }));
          else deleted.push(id);
        } else {
          const page = await rt.graph.get<SitePage>(
            `/sites/${enc(ref.siteId)}/pages/${enc(ref.pageId)}/microsoft.graph.sitePage`,
          );
          items.push(pageEntry({ rt, siteId: ref.siteId, page, siteAccess }));
        }
      } catch (error) {
        if (asItemError(error, id) instanceof FileError) deleted.push(id);
        else throw error;
      }
    }
    yield { items, ...(deleted.length ? { deleted } : {}) };
  },

  async listIds({ config, ctx }) {
    const rt = runtime(config, ctx);
    const unstructured = readIngestEnv().unstructured !== null;
    const { drives, sites } = await resolveDrives({ graph: rt.graph, config });
    const ids: string[] = [];
    for (const { driveId } of drives)
      for await (const page of deltaPages({ graph: rt.graph, link: startLink(driveId) }))
        for (const item of page.value ?? []) if (wantedFile(item, unstructured)) ids.push(itemId(driveId, item.id));
    if (config.includePages)
      for (const siteId of sites) for (const page of await listPages(rt, siteId)) ids.push(pageItemId(siteId, page.id));
    return ids;
  },

  async accessOf({ config, ids, ctx }) {
    const rt = runtime(config, ctx);
    const siteAccess = sitePermissions(rt);
    const out = new Map<string, ResolvedAccess>();
    // Eight permission requests at a time: a 10k-document permission sync is request-bound.
    const queue = [...ids];
    const worker = async () => {
      for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
        const ref = parseId(id);
        const siteId =
          (ctx.previous(id)?.sourceMeta.siteId as string | null | undefined) ??
          (ref.kind === "page" ? ref.siteId : null);
        try {
          const permissions =
            ref.kind === "file" ? await filePermissions(rt, ref.driveId, ref.itemId) : await siteAccess(ref.siteId);
          out.set(id, await resolveGrants(rt, principalsOfPermissions({ permissions, siteId }), null));
        } catch (error) {
          // Gone at the source: nobody may read it until the next sync deletes it.
          if (asItemError(error, id) instanceof FileError) out.set(id, { acl: [], owner: null, tags: [] });
          else throw error;
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    return out;
  },

  async syncIdentities({ config, ctx }) {
    if (!config.syncGroups) return [];
    const graph = openGraph({ config, ctx });
    const groups = await graph.all<{ id: string; displayName?: string }>("/groups?$select=id,displayName");
    const out: ExternalGroup[] = [];
    for (const group of groups) {
      const members = await graph.all<{ "@odata.type"?: string; id: string; mail?: string | null }>(
        `/groups/${enc(group.id)}/transitiveMembers?$select=id,mail`,
      );
      out.push({
        externalId: group.id,
        name: group.displayName ?? group.id,
        members: members.flatMap((m): ExternalGroup["members"] =>
          m["@odata.type"] === "#microsoft.graph.group"
            ? [{ kind: "group" as const, externalId: m.id }]
            : m["@odata.type"] === "#microsoft.graph.user"
              ? // Only the mailbox address: a userPrincipalName is a sign-in name, not a verified e-mail.
                [{ kind: "user" as const, externalId: m.id, email: m.mail ? m.mail.toLowerCase() : null }]
              : [],
        ),
      });
    }
    // The run loop mirrors them (ctx.identities.mirrorGroups) before any item's access is resolved.
    return out;
  },

  async receiveNotification({ secret, url, body }) {
    return receiveGraphNotification({ secret, url, body });
  },

  async ensureNotifications({ config, ctx, notificationUrl, secret, current, now }) {
    const graph = openGraph({ config, ctx });
    const { drives } = await resolveDrives({ graph, config });
    return ensureGraphSubscriptions({
      graph,
      driveIds: drives.map((d) => d.driveId),
      notificationUrl,
      secret,
      current,
      now,
      ctx,
    });
  },
};
