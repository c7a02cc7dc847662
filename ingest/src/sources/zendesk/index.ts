import { z } from "zod";
import { GroundworkError } from "@groundwork/core/errors";
import { normalizeAcl } from "@groundwork/access/acl";
import type { ResolvedAccess } from "../access-rules";
import type { Connector, ConnectorContext } from "../connector";
import { articleMeta, decideAccess, type ArticleMeta } from "./article-entry";
import { openZendesk } from "./client";
import { zendeskConfigSchema, type ZendeskConfig } from "./config";
import { pullArticles, pullArticlesById } from "./pull-articles";
import { notificationOutcome, verifyZendeskSignature } from "./receive-notification";
import { listSegments, syncZendeskIdentities } from "./sync-identities";
import { articleSchema, userSchema } from "./wire";

export { zendeskConfigSchema, type ZendeskConfig } from "./config";

/**
 * Zendesk Guide (Help Center) for support agents: every published article, its category and
 * section in the text, its reading permission mirrored from its user segments (permission groups
 * decide editing and are not read access), drafts never indexed. Syncs follow the incremental
 * article export; identities (groups, staff, organisations, segments) are mirrored for the
 * permission runs; Zendesk webhooks (article and user events, signed) trigger a targeted sync of
 * the article or a permission run within seconds, polling staying the safety net.
 */
export const zendeskConnector: Connector<ZendeskConfig> = {
  kind: "zendesk",
  label: "Zendesk Guide",
  configSchema: zendeskConfigSchema,
  defaultEverySeconds: 15 * 60,
  defaultPermissionEverySeconds: 5 * 60,

  async check({ config, ctx }) {
    const zendesk = openZendesk({ config, ctx });
    const me = await zendesk.get("/api/v2/users/me", z.object({ user: userSchema })).catch((error: unknown) => {
      if ((error as Error).name === "ReauthorizationError")
        throw new GroundworkError("bad_request", (error as Error).message);
      throw error;
    });
    // An unauthenticated /users/me answers an anonymous user (id null would fail the schema; role end-user here).
    if (!me || (me.user.role !== "agent" && me.user.role !== "admin"))
      throw new GroundworkError(
        "bad_request",
        `${zendesk.origin} signs these credentials in as ${me?.user.role ?? "nobody"}: the incremental article export and user segments need an agent or admin.`,
      );
    await zendesk.get(
      "/api/v2/help_center/incremental/articles?start_time=0",
      z.object({ articles: z.array(z.unknown()) }),
    );
  },

  pull: ({ config, checkpoint, ctx }) => pullArticles({ zendesk: openZendesk({ config, ctx }), checkpoint, ctx }),

  pullItems: ({ config, ids, ctx }) => pullArticlesById({ zendesk: openZendesk({ config, ctx }), ids, ctx }),

  async listIds({ config, ctx }) {
    const zendesk = openZendesk({ config, ctx });
    const ids: string[] = [];
    for await (const page of zendesk.pages("/api/v2/help_center/articles", "articles", articleSchema))
      for (const a of page) if (!a.draft) ids.push(a.id);
    return ids;
  },

  syncIdentities: ({ config, ctx }) => syncZendeskIdentities({ zendesk: openZendesk({ config, ctx }), ctx }),

  async accessOf({ config, ids, ctx }) {
    const zendesk = openZendesk({ config, ctx });
    const segments = await segmentsFor({ ctx, load: () => listSegments({ zendesk }) });
    const out = new Map<string, ResolvedAccess>();
    for (const id of ids) {
      let meta = storedMeta(ctx, id);
      if (!meta) {
        const found = await zendesk.get(`/api/v2/help_center/articles/${id}`, z.object({ article: articleSchema }));
        // Gone or unpublished: nobody reads it until the next sync removes it (never the default ACL).
        if (!found || found.article.draft) {
          out.set(id, { acl: normalizeAcl([]), owner: null, tags: [] });
          continue;
        }
        meta = articleMeta(found.article);
      }
      out.set(id, await decideAccess({ id, meta, segments, ctx }));
    }
    return out;
  },

  async receiveNotification({ config, body, headers }) {
    const secret = config.webhookSigningSecret;
    if (!secret || !verifyZendeskSignature({ secret, headers, body })) return { kind: "rejected" };
    return notificationOutcome(body);
  },
};

// One segment listing per permission run, however many slices of documents it decides.
const segmentCache = new WeakMap<ConnectorContext, ReturnType<typeof listSegments>>();
function segmentsFor({ ctx, load }: { ctx: ConnectorContext; load: () => ReturnType<typeof listSegments> }) {
  let hit = segmentCache.get(ctx);
  if (!hit) {
    hit = load();
    segmentCache.set(ctx, hit);
    hit.catch(() => segmentCache.delete(ctx));
  }
  return hit;
}

function storedMeta(ctx: ConnectorContext, id: string): ArticleMeta | null {
  const meta = ctx.previous(id)?.sourceMeta as Partial<ArticleMeta> | undefined;
  if (!meta || !Array.isArray(meta.segmentIds)) return null;
  return {
    segmentIds: meta.segmentIds.map(String),
    sectionId: meta.sectionId ?? null,
    permissionGroupId: meta.permissionGroupId ?? null,
    labels: Array.isArray(meta.labels) ? meta.labels.map(String) : [],
  };
}
