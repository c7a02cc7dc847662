import { z } from "zod";
import { listSetting as globList } from "../connector-config";

export const webConfigSchema = z.object({
  url: z
    .url({ protocol: /^https?$/, error: "Give the start URL as http(s)://host/path." })
    // Credentials in the URL would be stored in the clear and shown to admins: use --auth-header.
    .refine((u) => !/^[a-z]+:\/\/[^/]*@/i.test(u), "Credentials in the URL are not accepted; use --auth-header.")
    .meta({
      flag: "--url",
      description: "Start URL; the crawl stays on its origin.",
      example: "https://docs.example.com/",
    }),
  include: globList.optional().meta({
    flag: "--include",
    description: "Only crawl URL paths matching one of these globs (comma separated).",
    example: "/docs/**,/guides/**",
  }),
  exclude: globList.optional().meta({
    flag: "--exclude",
    description: "Never crawl URL paths matching one of these globs (comma separated).",
    example: "/blog/**",
  }),
  maxPages: z.coerce
    .number()
    .int()
    .positive()
    .default(1000)
    .meta({ flag: "--max-pages", description: "Stop after this many pages per crawl.", example: "1000" }),
  maxDepth: z.coerce.number().int().min(0).default(10).meta({
    flag: "--max-depth",
    description: "Follow links at most this many hops from the start URL.",
    example: "10",
  }),
  concurrency: z.coerce
    .number()
    .int()
    .min(1)
    .max(32)
    .default(4)
    .meta({ flag: "--concurrency", description: "At most this many requests in flight.", example: "4" }),
  requestsPerSecond: z.coerce.number().positive().max(100).default(8).meta({
    flag: "--requests-per-second",
    description: "At most this many requests started per second (robots.txt Crawl-delay wins when slower).",
    example: "8",
  }),
  authHeader: z.string().min(1).optional().meta({
    secret: true,
    flag: "--auth-header",
    description: "Sent as the Authorization header to the site's own origin (e.g. 'Bearer …' or 'Basic …').",
  }),
  ignoreSitemapLastmod: z.boolean().default(false).meta({
    flag: "--ignore-sitemap-lastmod",
    description:
      "Send a conditional GET for every page even when its sitemap <lastmod> says it has not changed since the last fetch (by default such pages are skipped, one in 20 spot-checked).",
  }),
});

export type WebConfig = z.output<typeof webConfigSchema>;
