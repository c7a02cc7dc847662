/**
 * URL checks shared by everything that turns untrusted text into a navigation: the sign-in
 * `next` parameter, and links in answers (server sanitizer and client renderer). Pure, with no
 * imports, so the browser bundle can use the same rules as the server.
 *
 * Browsers are lenient in ways a naive `startsWith("/")` check misses: they drop tab/CR/LF
 * anywhere in a URL (`/\t/evil.example` becomes `//evil.example`), treat `\` as `/`
 * (`/\evil.example`), and resolve `//host` as another origin. So a local path with a
 * backslash, a control or whitespace character, or a second leading slash — raw or
 * percent-encoded, since a decoded copy may be used again — is refused, as is anything the URL
 * parser would take off this origin.
 */

const BASE = "http://groundwork.invalid";
const MAX_LENGTH = 2_000;

// C0 controls, space, DEL, C1 controls, the Unicode spaces, separators, zero-width and bidi
// marks that browsers and URL parsers fold or strip, and the backslash.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHAR = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\\]/;

/** Decodes percent-escapes repeatedly (double encoding), or null when the encoding is broken. */
function fullyDecoded(value: string): string | null {
  let current = value;
  for (let i = 0; i < 4; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  // Still changing after four rounds: nobody encodes a real path that way.
  return null;
}

/** True when `path` is a same-origin absolute path that no browser can reinterpret as another origin. */
export function isSafeLocalPath(path: string): boolean {
  if (typeof path !== "string" || !path || path.length > MAX_LENGTH) return false;
  const decoded = fullyDecoded(path);
  if (decoded === null) return false;
  for (const candidate of [path, decoded]) {
    if (!candidate.startsWith("/") || candidate.startsWith("//") || UNSAFE_CHAR.test(candidate)) return false;
  }
  try {
    const url = new URL(path, BASE);
    return url.origin === BASE && !url.pathname.startsWith("//");
  } catch {
    return false;
  }
}

/**
 * True when `href` is an https URL on one of `allowedHosts` (or a subdomain of one), without
 * credentials and without characters a browser would silently drop or rewrite.
 */
export function isAllowedHttpsUrl({ href, allowedHosts }: { href: string; allowedHosts: readonly string[] }): boolean {
  if (typeof href !== "string" || !href || href.length > MAX_LENGTH || !allowedHosts.length) return false;
  const decoded = fullyDecoded(href);
  if (decoded === null || UNSAFE_CHAR.test(href) || UNSAFE_CHAR.test(decoded)) return false;
  if (!/^https:\/\/[^/]/i.test(href)) return false;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" || url.username || url.password) return false;
  const host = url.hostname.toLowerCase();
  return allowedHosts.some((h) => {
    const allowed = h.trim().toLowerCase();
    return Boolean(allowed) && (host === allowed || host.endsWith(`.${allowed}`));
  });
}
