/**
 * GROUNDWORK_EMBED_ORIGINS: the sites allowed to frame the widget (/embed), comma-separated
 * origins such as `https://intranet.example.com`. Read here without workspace imports, like
 * origin-env.ts, because proxy.ts (which sets the embed page's frame-ancestors) loads it.
 * Unset or blank: nobody may frame it, the same `frame-ancestors 'none'` as every other page.
 */
export function readEmbedOrigins(env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const raw = env.GROUNDWORK_EMBED_ORIGINS?.trim();
  if (!raw) return [];
  const out: string[] = [];
  for (const item of raw.split(",")) {
    const value = item.trim();
    if (!value) continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new Error(
        `GROUNDWORK_EMBED_ORIGINS: "${value.slice(0, 200)}" is not an origin such as https://intranet.example.com.`,
      );
    }
    // An origin only: a path, query or wildcard would not mean what an admin expects in frame-ancestors.
    if ((url.protocol !== "https:" && url.protocol !== "http:") || url.origin !== value.replace(/\/$/, ""))
      throw new Error(
        `GROUNDWORK_EMBED_ORIGINS: "${value.slice(0, 200)}" must be a bare http(s) origin (scheme, host, port).`,
      );
    out.push(url.origin);
  }
  return out;
}
