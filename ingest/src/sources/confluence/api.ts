import { z } from "zod";
import { GroundworkError } from "@groundwork/core/errors";
import type { ExternalGroup, ExternalUser } from "../external-access";
import { emptyLayer, externalUser, groupKey, restrictionLayer, type Layer } from "./access";
import type { ConfluenceClient } from "./client";
import type { ConfluenceConfig } from "./config";
import {
  ancestorV2Schema,
  attachmentDcSchema,
  attachmentV2Schema,
  contentDcSchema,
  groupSchema,
  pageV2Schema,
  readRestrictionSchema,
  spaceDcSchema,
  spacePermissionDcSchema,
  spacePermissionV2Schema,
  spaceV1PermissionsSchema,
  spaceV2Schema,
  userSchema,
  v1ListSchema,
  v2ListSchema,
  type ContentDc,
  type PageV2,
} from "./wire";

/** A space, as both deployments describe it. */
export type Space = { id: string; key: string; name: string; webui: string | null };

/** A page, as both deployments describe it. */
export type PageRecord = {
  id: string;
  title: string;
  spaceKey: string;
  /** Cloud: the parent (content) id; Data Center: the last ancestor. */
  parentId: string | null;
  /** Data Center gives every ancestor (top down); Cloud only the parent. */
  ancestors: string[] | null;
  version: number;
  modifiedAt: string | null;
  storage: string | null;
  webui: string | null;
  current: boolean;
  /** Data Center lists the read restriction with the page (undefined: not listed, ask). */
  restriction?: Layer | null;
};

export type AttachmentRecord = {
  id: string;
  title: string;
  pageId: string;
  version: number;
  size: number;
  mediaType: string | null;
  download: string | null;
  webui: string | null;
  modifiedAt: string | null;
};

/** One page of a space's pages and the link to the next (null: the space's last). */
export type PagesAnswer = { pages: PageRecord[]; next: string | null };

/**
 * The calls the connector makes, once per deployment: Cloud through REST v2 (v1 where v2 has no
 * equivalent: restrictions, groups, users, anonymous access), Data Center through REST v1.
 */
export type ConfluenceApi = {
  listSpaces(): Promise<Space[]>;
  /** Who may view the space (read/space permission), user e-mails looked up where the permission names an account only. */
  spaceLayer(space: Space): Promise<Layer>;
  /** The first (cursor null) or a next page of the space's current pages, bodies in storage format. */
  pagesOf(space: Space, cursor: string | null): Promise<PagesAnswer>;
  pageById(id: string): Promise<PageRecord | null>;
  /** Ancestor ids, top down (Cloud; Data Center lists them with the page). */
  ancestorsOf(pageId: string): Promise<string[]>;
  readRestriction(contentId: string): Promise<Layer | null>;
  attachmentsOf(pageId: string): Promise<AttachmentRecord[]>;
  /** Every group with its members. */
  groups(): Promise<ExternalGroup[]>;
  /** The signed-in account (null: anonymous, i.e. the credentials were not taken). */
  currentUser(): Promise<{ anonymous: boolean; name: string | null }>;
};

const enc = encodeURIComponent;
const userLookup = (client: ConfluenceClient, param: "accountId" | "key") => {
  const cache = new Map<string, Promise<ExternalUser | null>>();
  return (id: string) => {
    let hit = cache.get(id);
    if (!hit) {
      hit = client
        .get(`/rest/api/user?${param}=${enc(id)}`, userSchema)
        .then((u) => (u ? externalUser(u) : null) ?? { kind: "user" as const, externalId: id, email: null });
      cache.set(id, hit);
    }
    return hit;
  };
};

async function collectV1<S extends z.ZodType>(client: ConfluenceClient, path: string, item: S): Promise<z.output<S>[]> {
  const out: z.output<S>[] = [];
  for await (const { page } of client.pages(path, v1ListSchema(item))) out.push(...(page.results as z.output<S>[]));
  return out;
}

const isReadSpace = (key: string, target: string) => key === "read" && target === "space";

export function cloudApi({ client, config }: { client: ConfluenceClient; config: ConfluenceConfig }): ConfluenceApi {
  const limit = config.pageSize;
  const user = userLookup(client, "accountId");
  const toPage = (p: PageV2, spaceKey: string): PageRecord => ({
    id: p.id,
    title: p.title ?? `Page ${p.id}`,
    spaceKey,
    parentId: p.parentId ?? null,
    ancestors: null,
    version: p.version.number,
    modifiedAt: p.version.createdAt ?? p.createdAt ?? null,
    storage: p.body?.storage?.value ?? null,
    webui: p._links?.webui ?? null,
    current: (p.status ?? "current") === "current",
  });
  const spaceKeys = new Map<string, string>();
  return {
    async listSpaces() {
      const query = config.spaces?.length ? `keys=${config.spaces.map(enc).join(",")}` : "type=global&status=current";
      const out: Space[] = [];
      for await (const { page } of client.pages(`/api/v2/spaces?${query}&limit=${limit}`, v2ListSchema(spaceV2Schema)))
        for (const s of page.results) {
          spaceKeys.set(s.id, s.key);
          out.push({ id: s.id, key: s.key, name: s.name ?? s.key, webui: s._links?.webui ?? null });
        }
      return out;
    },
    async spaceLayer(space) {
      const layer = emptyLayer();
      for await (const { page } of client.pages(
        `/api/v2/spaces/${enc(space.id)}/permissions?limit=${limit}`,
        v2ListSchema(spacePermissionV2Schema),
      ))
        for (const p of page.results) {
          if (!isReadSpace(p.operation.key, p.operation.targetType) || !p.principal.id) continue;
          if (p.principal.type === "group") layer.groups.push(p.principal.id);
          else if (p.principal.type === "user") {
            const u = await user(p.principal.id);
            if (u) layer.users.push(u);
          }
        }
      // v2 lists users, groups and roles; whether anonymous visitors may view is only in v1's space permissions.
      const v1 = await client.get(`/rest/api/space/${enc(space.key)}?expand=permissions`, spaceV1PermissionsSchema);
      layer.anonymous = (v1?.permissions ?? []).some(
        (p) => p.anonymousAccess === true && p.operation && isReadSpace(p.operation.operation, p.operation.targetType),
      );
      layer.groups = [...new Set(layer.groups)];
      return layer;
    },
    async pagesOf(space, cursor) {
      const first = `/api/v2/spaces/${enc(space.id)}/pages?body-format=storage&status=current&sort=id&limit=${limit}`;
      const answer = await client.page(cursor ?? first, v2ListSchema(pageV2Schema));
      if (!answer) return { pages: [], next: null };
      return { pages: answer.page.results.map((p) => toPage(p, space.key)), next: answer.next };
    },
    async pageById(id) {
      const p = await client.get(`/api/v2/pages/${enc(id)}?body-format=storage`, pageV2Schema);
      if (!p) return null;
      let key = spaceKeys.get(p.spaceId);
      if (!key) {
        const s = await client.get(`/api/v2/spaces/${enc(p.spaceId)}`, spaceV2Schema);
        key = s?.key ?? p.spaceId;
        spaceKeys.set(p.spaceId, key);
      }
      return toPage(p, key);
    },
    async ancestorsOf(pageId) {
      const out: string[] = [];
      for await (const { page } of client.pages(
        `/api/v2/pages/${enc(pageId)}/ancestors?limit=250`,
        v2ListSchema(ancestorV2Schema),
      ))
        out.push(...page.results.map((a) => a.id));
      return out;
    },
    async readRestriction(contentId) {
      const r = await client.get(
        `/rest/api/content/${enc(contentId)}/restriction/byOperation/read?expand=restrictions.user,restrictions.group&limit=200`,
        readRestrictionSchema,
      );
      return restrictionLayer(r);
    },
    async attachmentsOf(pageId) {
      const out: AttachmentRecord[] = [];
      for await (const { page } of client.pages(
        `/api/v2/pages/${enc(pageId)}/attachments?status=current&limit=${limit}`,
        v2ListSchema(attachmentV2Schema),
      ))
        for (const a of page.results)
          out.push({
            id: a.id,
            title: a.title,
            pageId: a.pageId ?? pageId,
            version: a.version.number,
            size: a.fileSize ?? -1,
            mediaType: a.mediaType ?? null,
            download: a.downloadLink ?? a._links?.download ?? null,
            webui: a.webuiLink ?? a._links?.webui ?? null,
            modifiedAt: a.version.createdAt ?? null,
          });
      return out;
    },
    async groups() {
      const groups = await collectV1(client, `/rest/api/group?limit=${limit}`, groupSchema);
      const out: ExternalGroup[] = [];
      for (const g of groups) {
        const members = g.id
          ? await collectV1(client, `/rest/api/group/member?groupId=${enc(g.id)}&limit=${limit}`, userSchema)
          : await collectV1(client, `/rest/api/group/${enc(g.name)}/member?limit=${limit}`, userSchema);
        out.push({ externalId: groupKey(g), name: g.name, members: members.flatMap((m) => externalUser(m) ?? []) });
      }
      return out;
    },
    async currentUser() {
      const me = await client.get("/rest/api/user/current", userSchema);
      return {
        anonymous: !me || me.type === "anonymous",
        name: me?.email || me?.displayName || me?.publicName || null,
      };
    },
  };
}

const DC_EXPAND =
  "body.storage,version,space,ancestors,restrictions.read.restrictions.user,restrictions.read.restrictions.group";

export function dataCenterApi({
  client,
  config,
}: {
  client: ConfluenceClient;
  config: ConfluenceConfig;
}): ConfluenceApi {
  const limit = config.pageSize;
  const user = userLookup(client, "key");
  const toPage = (c: ContentDc, spaceKey: string): PageRecord => {
    const ancestors = c.ancestors.map((a) => a.id);
    return {
      id: c.id,
      title: c.title ?? `Page ${c.id}`,
      spaceKey: c.space?.key ?? spaceKey,
      parentId: ancestors.at(-1) ?? null,
      ancestors,
      version: c.version.number,
      modifiedAt: c.version.when ?? null,
      storage: c.body?.storage?.value ?? null,
      webui: c._links?.webui ?? null,
      current: (c.status ?? "current") === "current",
      // Expanded with the page: an absent read restriction is "none", not "unknown".
      ...(c.restrictions ? { restriction: restrictionLayer(c.restrictions.read) } : {}),
    };
  };
  return {
    async listSpaces() {
      const query = config.spaces?.length
        ? config.spaces.map((k) => `spaceKey=${enc(k)}`).join("&")
        : "type=global&status=current";
      const spaces = await collectV1(client, `/rest/api/space?${query}&limit=${limit}`, spaceDcSchema);
      return spaces.map((s) => ({
        id: s.id ?? s.key,
        key: s.key,
        name: s.name ?? s.key,
        webui: s._links?.webui ?? null,
      }));
    },
    async spaceLayer(space) {
      const permissions = await client.get(
        `/rest/api/space/${enc(space.key)}/permissions`,
        z.array(spacePermissionDcSchema),
      );
      if (!permissions)
        throw new GroundworkError(
          "bad_request",
          `${client.base} has no /rest/api/space/${space.key}/permissions: reading space permissions over REST needs Confluence Data Center 9.1 or later.`,
        );
      const layer = emptyLayer();
      for (const p of permissions) {
        if (!isReadSpace(p.operation.operationKey, p.operation.targetType)) continue;
        const type = p.subject?.type ?? "anonymous";
        if (type === "anonymous") layer.anonymous = true;
        else if (type === "group" && p.subject?.name) layer.groups.push(p.subject.name);
        else if (type === "user" && p.subject?.userKey) {
          const u = await user(p.subject.userKey);
          if (u) layer.users.push(u);
        }
      }
      layer.groups = [...new Set(layer.groups)];
      return layer;
    },
    async pagesOf(space, cursor) {
      const first = `/rest/api/content?spaceKey=${enc(space.key)}&type=page&status=current&expand=${DC_EXPAND}&limit=${limit}`;
      const answer = await client.page(cursor ?? first, v1ListSchema(contentDcSchema));
      if (!answer) return { pages: [], next: null };
      return { pages: answer.page.results.map((c) => toPage(c, space.key)), next: answer.next };
    },
    async pageById(id) {
      const c = await client.get(`/rest/api/content/${enc(id)}?expand=${DC_EXPAND}`, contentDcSchema);
      return c && c.type === "page" ? toPage(c, c.space?.key ?? "") : null;
    },
    async ancestorsOf(pageId) {
      return (await this.pageById(pageId))?.ancestors ?? [];
    },
    async readRestriction(contentId) {
      const r = await client.get(
        `/rest/api/content/${enc(contentId)}/restriction/byOperation/read?expand=restrictions.user,restrictions.group`,
        readRestrictionSchema,
      );
      return restrictionLayer(r);
    },
    async attachmentsOf(pageId) {
      const attachments = await collectV1(
        client,
        `/rest/api/content/${enc(pageId)}/child/attachment?expand=version&limit=${limit}`,
        attachmentDcSchema,
      );
      return attachments.map((a) => ({
        id: a.id,
        title: a.title,
        pageId,
        version: a.version.number,
        size: a.extensions?.fileSize ?? -1,
        mediaType: a.extensions?.mediaType ?? a.metadata?.mediaType ?? null,
        download: a._links?.download ?? null,
        webui: a._links?.webui ?? null,
        modifiedAt: a.version.when ?? null,
      }));
    },
    async groups() {
      const groups = await collectV1(client, `/rest/api/group?limit=${limit}`, groupSchema);
      const out: ExternalGroup[] = [];
      for (const g of groups) {
        const members = await collectV1(client, `/rest/api/group/${enc(g.name)}/member?limit=${limit}`, userSchema);
        out.push({ externalId: g.name, name: g.name, members: members.flatMap((m) => externalUser(m) ?? []) });
      }
      return out;
    },
    async currentUser() {
      const me = await client.get("/rest/api/user/current", userSchema);
      return { anonymous: !me || me.type === "anonymous", name: me?.username || me?.displayName || null };
    },
  };
}
