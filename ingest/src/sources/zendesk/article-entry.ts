import { createHash } from "node:crypto";
import { FileError } from "../../document-model";
import type { ResolvedAccess } from "../access-rules";
import type { ConnectorContext, SourceItem } from "../connector";
import type { ExternalAccess } from "../external-access";
import { articleGrants, segmentIdsOf } from "./segment-access";
import type { Article, Category, Section, UserSegment } from "./wire";

export type Directory = {
  segments: Map<string, UserSegment>;
  sections: Map<string, Section>;
  categories: Map<string, Category>;
};

/** What is kept with the stored document: enough to decide its access again without asking Zendesk for it. */
export type ArticleMeta = {
  segmentIds: string[];
  sectionId: string | null;
  permissionGroupId: string | null;
  labels: string[];
};

export const articleMeta = (article: Article): ArticleMeta => ({
  segmentIds: segmentIdsOf(article),
  sectionId: article.section_id ?? null,
  permissionGroupId: article.permission_group_id ?? null,
  labels: [...new Set(article.label_names.map((l) => l.trim().toLowerCase()).filter(Boolean))].sort(),
});

const escape = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** The article as one HTML document: its title, where it sits (category › section) and its body as Zendesk serves it. */
export function renderArticle({ article, directory }: { article: Article; directory: Directory }): string {
  const section = article.section_id ? directory.sections.get(article.section_id) : undefined;
  const category = section?.category_id ? directory.categories.get(section.category_id) : undefined;
  const title = article.title?.trim() || `Article ${article.id}`;
  const trail = [category?.name, section?.name].filter(Boolean).map((s) => escape(s!));
  return [
    "<!doctype html>",
    `<html lang="${escape(article.locale ?? "en")}"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body>`,
    trail.length ? `<p>${trail.join(" › ")}</p>` : "",
    article.body ?? "",
    "</body></html>",
  ].join("\n");
}

/** An article's access: its segments' grants resolved by the framework (deny by default), its labels as tags. */
export async function decideAccess({
  id,
  meta,
  segments,
  ctx,
}: {
  id: string;
  meta: ArticleMeta;
  segments: Map<string, UserSegment>;
  ctx: ConnectorContext;
}): Promise<ExternalAccess> {
  const { grants, unknown } = articleGrants({ segmentIds: meta.segmentIds, segments });
  if (unknown.length) ctx.log("article names user segments Zendesk does not list; they grant nothing", { id, unknown });
  const resolved = await ctx.identities.resolve(grants);
  return { ...resolved, tags: meta.labels };
}

/** One published article as a source item; its body came with the listing, so nothing more is fetched. */
export function articleEntry({
  article,
  directory,
  ctx,
}: {
  article: Article;
  directory: Directory;
  ctx: ConnectorContext;
}): SourceItem {
  const meta = articleMeta(article);
  let html: Uint8Array | null = null;
  const bytes = () => (html ??= new TextEncoder().encode(renderArticle({ article, directory })));
  return {
    id: article.id,
    filename: `${article.id}.html`,
    ...(article.title ? { title: article.title } : {}),
    ...(article.html_url ? { url: article.html_url } : {}),
    size: bytes().byteLength,
    modifiedAt: Number.isFinite(Date.parse(article.updated_at)) ? new Date(article.updated_at) : null,
    // updated_at moves with any change of the article's metadata (body, segment, section).
    version: article.updated_at,
    sourceMeta: meta,
    hash: async () => createHash("sha256").update(bytes()).digest("hex"),
    read: async () => bytes(),
    async access(): Promise<ResolvedAccess> {
      try {
        return await decideAccess({ id: article.id, meta, segments: directory.segments, ctx });
      } catch (error) {
        throw new FileError(`Access of article ${article.id} could not be decided: ${(error as Error).message}`, {
          cause: error,
        });
      }
    },
  };
}
