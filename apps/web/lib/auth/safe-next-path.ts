/**
 * Where sign-in sends the user back to. Every reader of a `next` parameter (the sign-in page,
 * form and route, SSO start and completion, the page gate) goes through this one function.
 *
 * Only a same-origin absolute path survives. Browsers are lenient in ways a naive
 * `startsWith("/")` check misses: they drop tab/CR/LF anywhere in a URL (`/\t/evil.example`
 * becomes `//evil.example`), treat `\` as `/` (`/\evil.example`), and resolve `//host` as
 * another origin. So anything with a backslash, a control or whitespace character, or a
 * second leading slash — raw or percent-encoded, since a decoded copy may be used again — is
 * refused, as is anything the URL parser would take out of this origin.
 */

/** The fallback: `/` redirects each role to its own home (chat, or lookup for support). */
export const DEFAULT_NEXT_PATH = "/";

const BASE = "http://groundwork.invalid";
const MAX_NEXT_LENGTH = 2_000;

// C0 controls, space, DEL, C1 controls, and the Unicode spaces/separators/bidi marks that some
// browsers and URL parsers fold or strip.
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

/** True when `path` is a same-origin path a browser cannot reinterpret as another origin. */
export function isSafeLocalPath(path: string): boolean {
  if (!path || path.length > MAX_NEXT_LENGTH) return false;
  const decoded = fullyDecoded(path);
  if (decoded === null) return false;
  for (const candidate of [path, decoded]) {
    if (!candidate.startsWith("/")) return false;
    if (candidate.startsWith("//")) return false;
    if (UNSAFE_CHAR.test(candidate)) return false;
  }
  try {
    // Belt and braces: whatever the parser makes of it must stay on this origin.
    const url = new URL(path, BASE);
    return url.origin === BASE && url.pathname.startsWith("/") && !url.pathname.startsWith("//");
  } catch {
    return false;
  }
}

/** `next` when it is a safe local path, otherwise the fallback (by default `/`, the role's home). */
export function safeNextPath(next: string | null | undefined, fallback: string = DEFAULT_NEXT_PATH): string {
  return typeof next === "string" && isSafeLocalPath(next) ? next : fallback;
}
