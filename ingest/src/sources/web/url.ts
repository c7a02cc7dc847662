import picomatch from "picomatch";

/**
 * One spelling per page: fragments dropped (they never change what the server sends), default
 * ports and host case normalised by URL itself. The query is kept: `?page=2` is another page.
 */
export function normalizeUrl(raw: string, base?: string | URL): string | null {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  url.hash = "";
  return url.toString();
}

export const originOf = (url: string) => new URL(url).origin;

/** Which URLs of the site the crawl may fetch: same origin, then the include/exclude globs over the path. */
export function urlScope({
  startUrl,
  include,
  exclude,
}: {
  startUrl: string;
  include?: string[] | undefined;
  exclude?: string[] | undefined;
}): { origin: string; sameOrigin(url: string): boolean; pathAllowed(url: string): boolean } {
  const origin = originOf(startUrl);
  const opts = { dot: true };
  const included = include?.length ? picomatch(include, opts) : null;
  const excluded = exclude?.length ? picomatch(exclude, opts) : null;
  const sameOrigin = (url: string) => {
    try {
      return new URL(url).origin === origin;
    } catch {
      return false;
    }
  };
  return {
    origin,
    sameOrigin,
    pathAllowed(url: string) {
      const path = new URL(url).pathname;
      if (excluded?.(path)) return false;
      return included ? included(path) : true;
    },
  };
}
