import {
  ARTICLE_EXAMPLE,
  CATEGORY_EXAMPLE,
  SECTION_EXAMPLE,
  USER_EXAMPLE,
  USER_SEGMENT_EXAMPLE,
} from "../sources/zendesk/fixtures/reference-payloads";
import { createThrottle, listenLoopback, sendJson } from "./vendor-http";

type Json = Record<string, unknown>;
export type ZendeskArticleInput = {
  id: number;
  title: string;
  body: string;
  sectionId?: number;
  draft?: boolean;
  segmentId?: number | null;
  segmentIds?: number[];
  labels?: string[];
};
export type ZendeskSegmentInput = {
  id: number;
  name?: string;
  userType: "signed_in_users" | "staff";
  groupIds?: number[];
  organizationIds?: number[];
  tags?: string[];
  orTags?: string[];
  addedUserIds?: number[];
};
export type ZendeskUserInput = {
  id: number;
  email: string | null;
  role: "end-user" | "agent" | "admin";
  verified?: boolean;
  organizationId?: number | null;
};

export type ZendeskServer = {
  /** `http://127.0.0.1:<port>`: the account's address. */
  url: string;
  email: string;
  apiToken: string;
  /** Every request: method, path and query, status answered. */
  requests: { method: string; path: string; query: URLSearchParams; status: number }[];
  /** The server's clock (epoch seconds): every change stamps the next second, so incremental exports are exact. */
  clock(): number;
  putArticle(a: ZendeskArticleInput): void;
  deleteArticle(id: number): void;
  putSection(s: { id: number; name: string; categoryId: number }): void;
  putCategory(c: { id: number; name: string }): void;
  putSegment(s: ZendeskSegmentInput): void;
  putUser(u: ZendeskUserInput): void;
  putGroup(g: { id: number; name: string; members: number[] }): void;
  putOrganization(o: { id: number; name: string; members: number[] }): void;
  /** `count` requests answer 429 with this Retry-After (seconds), starting `after` requests from now (default 0). */
  throttle(count: number, retryAfterSeconds: number, options?: { after?: number }): void;
  /** Every request from now on answers 401 (a revoked token); `restore` undoes it. */
  revokeToken(): void;
  restoreToken(): void;
  /** Articles per incremental answer (Zendesk: 1,000). */
  incrementalPageSize: number;
  close(): Promise<void>;
};

/**
 * An in-suite Zendesk account reproducing the documented wire format of the calls the Guide
 * connector makes: API-token Basic auth (`{email}/token:{token}`) or Bearer, 401 without valid
 * credentials, 429 + Retry-After on demand, cursor pagination (`page[size]`, `page[after]`,
 * `meta.has_more`, `links.next`) on lists, the incremental article export's time-based pages
 * (`start_time`, `end_time`, `next_page`, up to `incrementalPageSize` articles), and payloads
 * shaped like the reference's examples (fixtures/reference-payloads.ts). Articles are listed as
 * an agent sees them, drafts included.
 */
export async function startZendeskServer({
  email = "kb-sync@example.com",
  apiToken = "zd-test-token-6f1c",
  oauthToken = "zd-oauth-token-2b7d",
}: { email?: string; apiToken?: string; oauthToken?: string } = {}): Promise<ZendeskServer> {
  let now = 1_700_000_000;
  const tick = () => ++now;
  const iso = (t: number) => new Date(t * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  const articles = new Map<number, Json & { changed: number }>();
  const sections = new Map<number, Json>();
  const categories = new Map<number, Json>();
  const segments = new Map<number, Json>();
  const users = new Map<number, Json>();
  const groups = new Map<number, { group: Json; members: number[] }>();
  const orgs = new Map<number, { organization: Json; members: number[] }>();
  const throttle = createThrottle();
  let revoked = false;
  const requests: ZendeskServer["requests"] = [];
  let origin = "";

  const basic = `Basic ${Buffer.from(`${email}/token:${apiToken}`).toString("base64")}`;
  const bearer = `Bearer ${oauthToken}`;

  /** Cursor pagination over a sorted list: `page[after]` is the last id of the previous page. */
  const cursorPage = (url: URL, key: string, rows: Json[]) => {
    const size = Math.min(100, Number(url.searchParams.get("page[size]") ?? 100) || 100);
    const after = url.searchParams.get("page[after]");
    const start = after ? rows.findIndex((r) => String(r.id) === after) + 1 : 0;
    const slice = rows.slice(start, start + size);
    const hasMore = start + size < rows.length;
    const last = slice.at(-1);
    const next = new URL(url.pathname, origin);
    for (const [k, v] of url.searchParams) if (k !== "page[after]") next.searchParams.append(k, v);
    if (last) next.searchParams.set("page[after]", String(last.id));
    return {
      [key]: slice,
      meta: {
        has_more: hasMore,
        after_cursor: last ? String(last.id) : null,
        before_cursor: slice[0] ? String(slice[0].id) : null,
      },
      links: { next: hasMore ? next.toString() : null, prev: null },
    };
  };
  const byId = (rows: Iterable<Json>) => [...rows].sort((a, b) => Number(a.id) - Number(b.id));

  const route = (url: URL): [number, unknown] => {
    const p = url.pathname.replace(/\.json$/, "");
    if (p === "/api/v2/users/me") return [200, { user: { ...USER_EXAMPLE, id: 1, email, role: "admin" } }];
    if (p === "/api/v2/help_center/incremental/articles") {
      const start = Number(url.searchParams.get("start_time") ?? NaN);
      if (!Number.isInteger(start)) return [400, { error: "InvalidParameter", description: "start_time is required" }];
      const rows = [...articles.values()]
        .filter((a) => a.changed >= start)
        .sort((a, b) => a.changed - b.changed || Number(a.id) - Number(b.id))
        .slice(0, server.incrementalPageSize);
      const endTime = rows.length ? rows.at(-1)!.changed : start;
      const full = rows.length === server.incrementalPageSize;
      return [
        200,
        {
          articles: rows.map(({ changed: _, ...a }) => a),
          count: rows.length,
          end_time: endTime,
          next_page: full ? `${origin}/api/v2/help_center/incremental/articles.json?start_time=${endTime}` : null,
        },
      ];
    }
    const article = /^\/api\/v2\/help_center\/articles\/(\d+)$/.exec(p);
    if (article) {
      const a = articles.get(Number(article[1]));
      if (!a) return [404, { error: "RecordNotFound", description: "Not found" }];
      const { changed: _, ...rest } = a;
      return [200, { article: rest }];
    }
    if (p === "/api/v2/help_center/articles")
      return [200, cursorPage(url, "articles", byId([...articles.values()].map(({ changed: _, ...a }) => a)))];
    if (p === "/api/v2/help_center/sections") return [200, cursorPage(url, "sections", byId(sections.values()))];
    if (p === "/api/v2/help_center/categories") return [200, cursorPage(url, "categories", byId(categories.values()))];
    if (p === "/api/v2/help_center/user_segments")
      return [200, cursorPage(url, "user_segments", byId(segments.values()))];
    if (p === "/api/v2/users") {
      const roles = url.searchParams.getAll("role[]");
      const rows = byId([...users.values()].filter((u) => !roles.length || roles.includes(String(u.role))));
      return [200, cursorPage(url, "users", rows)];
    }
    if (p === "/api/v2/users/show_many") {
      const ids = (url.searchParams.get("ids") ?? "").split(",").map(Number);
      return [200, { users: ids.flatMap((id) => (users.has(id) ? [users.get(id)!] : [])) }];
    }
    if (p === "/api/v2/groups") return [200, cursorPage(url, "groups", byId([...groups.values()].map((g) => g.group)))];
    if (p === "/api/v2/group_memberships") {
      let n = 0;
      const rows = [...groups.values()].flatMap((g) =>
        g.members.map((userId) => ({ id: ++n, user_id: userId, group_id: g.group.id, default: false })),
      );
      return [200, cursorPage(url, "group_memberships", rows)];
    }
    const org = /^\/api\/v2\/organizations\/(\d+)(\/users)?$/.exec(p);
    if (org) {
      const o = orgs.get(Number(org[1]));
      if (!o) return [404, { error: "RecordNotFound", description: "Not found" }];
      if (!org[2]) return [200, { organization: o.organization }];
      return [200, cursorPage(url, "users", byId(o.members.flatMap((id) => (users.has(id) ? [users.get(id)!] : []))))];
    }
    return [404, { error: "InvalidEndpoint", description: "Not found" }];
  };

  const listener = await listenLoopback({
    handler: (req, res) => {
      const url = new URL(req.url ?? "/", origin);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        requests.push({ method: req.method ?? "GET", path: url.pathname, query: url.searchParams, status });
        sendJson({ res, status, body, headers });
      };
      const wait = throttle.take();
      if (wait !== null) return send(429, { error: "TooManyRequests" }, { "retry-after": String(wait) });
      const auth = req.headers.authorization ?? "";
      if (revoked || (auth !== basic && auth !== bearer))
        return send(401, { error: "Couldn't authenticate you" }, { "www-authenticate": 'Basic realm="Web Password"' });
      const [status, body] = route(url);
      send(status, body);
    },
  });
  origin = listener.origin;

  const server: ZendeskServer = {
    url: origin,
    email,
    apiToken,
    requests,
    incrementalPageSize: 1000,
    clock: () => now,
    putArticle(a) {
      const changed = tick();
      articles.set(a.id, {
        ...ARTICLE_EXAMPLE,
        id: a.id,
        title: a.title,
        body: a.body,
        draft: a.draft ?? false,
        section_id: a.sectionId ?? SECTION_EXAMPLE.id,
        user_segment_id: a.segmentIds?.length ? null : (a.segmentId ?? null),
        user_segment_ids: a.segmentIds ?? [],
        label_names: a.labels ?? [],
        html_url: `${origin}/hc/en-us/articles/${a.id}`,
        url: `${origin}/api/v2/help_center/en-us/articles/${a.id}.json`,
        created_at: articles.get(a.id)?.created_at ?? iso(changed),
        updated_at: iso(changed),
        edited_at: iso(changed),
        changed,
      });
    },
    deleteArticle: (id) => void articles.delete(id),
    putSection: (s) =>
      void sections.set(s.id, { ...SECTION_EXAMPLE, id: s.id, name: s.name, category_id: s.categoryId }),
    putCategory: (c) => void categories.set(c.id, { ...CATEGORY_EXAMPLE, id: c.id, name: c.name }),
    putSegment: (s) =>
      void segments.set(s.id, {
        ...USER_SEGMENT_EXAMPLE,
        id: s.id,
        name: s.name ?? `Segment ${s.id}`,
        user_type: s.userType,
        group_ids: s.groupIds ?? [],
        organization_ids: s.organizationIds ?? [],
        tags: s.tags ?? [],
        or_tags: s.orTags ?? [],
        added_user_ids: s.addedUserIds ?? [],
        updated_at: iso(tick()),
      }),
    putUser: (u) =>
      void users.set(u.id, {
        ...USER_EXAMPLE,
        id: u.id,
        email: u.email,
        role: u.role,
        verified: u.verified ?? true,
        organization_id: u.organizationId ?? null,
      }),
    putGroup: (g) => void groups.set(g.id, { group: { id: g.id, name: g.name, deleted: false }, members: g.members }),
    putOrganization: (o) => void orgs.set(o.id, { organization: { id: o.id, name: o.name }, members: o.members }),
    throttle: (count, seconds, options) => throttle.arm(count, seconds, options),
    revokeToken: () => void (revoked = true),
    restoreToken: () => void (revoked = false),
    close: listener.close,
  };
  return server;
}
