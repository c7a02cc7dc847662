import { GroundworkError } from "@groundwork/core/errors";
import type { Connector } from "../connector";
import { webConfigSchema, type WebConfig } from "./config";
import { crawl } from "./crawl";
import { readSitemaps } from "./sitemap";
import { openSite } from "./site";
import { normalizeUrl } from "./url";

export type { WebConfig } from "./config";

/**
 * A web site, crawled from its start URL within its origin: robots.txt obeyed, sitemaps as seeds,
 * each page's main content (menus, headers and footers dropped) as one document identified by
 * its canonical URL, unchanged pages answered by 304 from conditional GETs.
 */
export const webConnector: Connector<WebConfig> = {
  kind: "web",
  label: "Web site",
  configSchema: webConfigSchema,
  defaultEverySeconds: 24 * 60 * 60,

  async check({ config, ctx }) {
    const site = await openSite({ config, ctx, signal: ctx.signal });
    const start = normalizeUrl(config.url)!;
    if (!site.robots.allowed(start))
      throw new GroundworkError(
        "bad_request",
        `robots.txt of ${site.scope.origin} disallows ${start} for GroundworkBot; pick a start URL it allows.`,
      );
    let status: number;
    try {
      status = (await site.get(start, { headers: { accept: "text/html,*/*;q=0.5" } })).status;
    } catch (error) {
      throw new GroundworkError("bad_request", `Cannot fetch ${start}: ${(error as Error).message}`, { cause: error });
    }
    if (status === 401 || status === 403)
      throw new GroundworkError(
        "bad_request",
        `${start} answered ${status}: the site needs credentials${(config.authHeader ?? ctx.secrets.authHeader) ? " other than the auth header given" : "; set an auth header"}.`,
      );
    if (status < 200 || status >= 300)
      throw new GroundworkError("bad_request", `${start} answered HTTP ${status}; give a start URL that answers 200.`);
  },

  pull: ({ config, checkpoint, ctx }) => crawl({ config, checkpoint, ctx }),

  async listIds({ config, ctx }) {
    const site = await openSite({ config, ctx, signal: ctx.signal });
    const urls = await readSitemaps({ site, log: ctx.log });
    if (!urls) return null;
    // The crawl's own filters, so pruning never keeps what a crawl would never fetch.
    return [...urls.keys()].filter((u) => site.scope.pathAllowed(u) && site.robots.allowed(u));
  },
};
