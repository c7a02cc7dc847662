import { z } from "zod";
import { PULL_PAGE_SIZE, type Checkpoint, type ConnectorContext, type PullPage, type SourceEntry } from "../connector";
import type { ZendeskClient } from "./client";
import { articleEntry, type Directory } from "./article-entry";
import { listSegments } from "./sync-identities";
import {
  articleSchema,
  categorySchema,
  incrementalArticlesSchema,
  sectionSchema,
  type Category,
  type Section,
} from "./wire";

/** Segments, sections and categories: small lists read once per pull. */
export async function loadDirectory({ zendesk }: { zendesk: ZendeskClient }): Promise<Directory> {
  const sections = new Map<string, Section>();
  for await (const page of zendesk.pages("/api/v2/help_center/sections", "sections", sectionSchema))
    for (const s of page) sections.set(s.id, s);
  const categories = new Map<string, Category>();
  for await (const page of zendesk.pages("/api/v2/help_center/categories", "categories", categorySchema))
    for (const c of page) categories.set(c.id, c);
  return { segments: await listSegments({ zendesk }), sections, categories };
}

const startTimeOf = (url: string | null | undefined): number | null => {
  if (!url) return null;
  const value = Number(new URL(url).searchParams.get("start_time"));
  return Number.isInteger(value) && value >= 0 ? value : null;
};

/**
 * The incremental article export (`/api/v2/help_center/incremental/articles?start_time=`): every
 * article whose metadata changed since the checkpoint's start time, up to 1,000 per answer, the
 * next answer starting at this one's `end_time` (the last article's change time). An answer is
 * cut into pages of PULL_PAGE_SIZE; every page but the answer's last carries the answer's own
 * start time as checkpoint (a resume asks for the same answer again, whose stored articles are
 * unchanged by version tag), the last one the next start time — so a killed run never skips an
 * article. Drafts (unpublished articles) are never indexed: one listed as a draft is reported
 * deleted, which is also how an unpublished article leaves.
 */
export async function* pullArticles({
  zendesk,
  checkpoint,
  ctx,
}: {
  zendesk: ZendeskClient;
  checkpoint: Checkpoint | null;
  ctx: ConnectorContext;
}): AsyncIterable<PullPage> {
  const directory = await loadDirectory({ zendesk });
  let startTime = typeof checkpoint?.startTime === "number" && checkpoint.startTime >= 0 ? checkpoint.startTime : 0;
  let url = `/api/v2/help_center/incremental/articles?start_time=${startTime}`;
  for (;;) {
    const answer = await zendesk.get(url, incrementalArticlesSchema);
    if (!answer) throw new Error(`${zendesk.origin} has no incremental article export (is Guide enabled?).`);
    const nextStart = startTimeOf(answer.next_page) ?? answer.end_time ?? null;
    const endTime = Math.max(startTime, answer.end_time ?? nextStart ?? startTime);
    const entries: SourceEntry[] = [];
    const deleted: string[] = [];
    for (const article of answer.articles)
      if (article.draft) deleted.push(article.id);
      else entries.push(articleEntry({ article, directory, ctx }));
    const chunks = Math.max(1, Math.ceil(entries.length / PULL_PAGE_SIZE));
    for (let i = 0; i < chunks; i++) {
      const last = i === chunks - 1;
      yield {
        items: entries.slice(i * PULL_PAGE_SIZE, (i + 1) * PULL_PAGE_SIZE),
        ...(last && deleted.length ? { deleted } : {}),
        checkpoint: { startTime: last ? endTime : startTime },
      };
      if (ctx.signal.aborted) return;
    }
    // Done when Zendesk gives no next page, an empty one, or one that would not move forward.
    if (!answer.next_page || !answer.articles.length || nextStart === null || nextStart <= startTime) {
      if (answer.next_page && answer.articles.length && nextStart !== null && nextStart <= startTime)
        ctx.log(
          "incremental export did not advance (over 1,000 articles changed within one second); the next run asks again",
          {
            startTime,
          },
        );
      return;
    }
    startTime = nextStart;
    url = answer.next_page;
  }
}

/** A targeted pull (a change notification): each article fetched by id; gone or unpublished ones are deleted. */
export async function* pullArticlesById({
  zendesk,
  ids,
  ctx,
}: {
  zendesk: ZendeskClient;
  ids: string[];
  ctx: ConnectorContext;
}): AsyncIterable<Omit<PullPage, "checkpoint">> {
  const directory = await loadDirectory({ zendesk });
  for (let i = 0; i < ids.length; i += PULL_PAGE_SIZE) {
    const items: SourceEntry[] = [];
    const deleted: string[] = [];
    for (const id of ids.slice(i, i + PULL_PAGE_SIZE)) {
      if (!/^\d+$/.test(id)) continue;
      const found = await zendesk.get(`/api/v2/help_center/articles/${id}`, z.object({ article: articleSchema }));
      if (!found || found.article.draft) deleted.push(id);
      else items.push(articleEntry({ article: found.article, directory, ctx }));
    }
    yield { items, ...(deleted.length ? { deleted } : {}) };
    if (ctx.signal.aborted) return;
  }
}
