/**
 * Security headers for every response. The static ones are set for all paths from
 * next.config.ts; the page CSP carries a fresh nonce per request and is set by proxy.ts,
 * which puts it on the request too — Next reads it there and stamps the nonce on its own
 * scripts. API responses never render HTML, so their policy allows nothing at all.
 */
export const STATIC_SECURITY_HEADERS: readonly { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=(), interest-cohort=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** The widget page (app/embed): the one page other sites may frame, and only those GROUNDWORK_EMBED_ORIGINS lists. */
export const EMBED_PATH = "/embed";

/**
 * X-Frame-Options: DENY on every path but the widget's. The legacy header has no allow-list
 * (ALLOW-FROM is gone from browsers), so the widget relies on CSP frame-ancestors alone, which
 * every browser that honours it prefers over X-Frame-Options anyway. The source is a
 * path-to-regexp pattern (next.config.ts headers); its lookahead excludes exactly `/embed`.
 */
export const FRAME_DENY_RULE = {
  source: "/((?!embed$).*)",
  headers: [{ key: "X-Frame-Options", value: "DENY" }],
} as const;

/**
 * For API routes: no scripts, no framing, no plugins, and `sandbox`, so a downloaded original
 * (HTML included) never runs as this origin even when a browser renders it inline. Headers
 * from next.config.ts win over a handler's own, so this covers the download route too.
 */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";

/** A per-request nonce: 128 random bits, base64 (CSP nonce-source syntax). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The page policy. `'strict-dynamic'` lets the nonced Next runtime load its chunks while any
 * injected script without the nonce stays blocked. React renders `style` props as style
 * attributes, which a nonce cannot cover, hence `style-src-attr 'unsafe-inline'` (attributes
 * cannot run script); `<style>` elements still need the nonce. Dev mode needs eval for React's
 * debugging and the HMR socket. `frameAncestors` is for the widget page only (proxy.ts).
 */
export function pageCsp({
  nonce,
  dev = false,
  frameAncestors = [],
}: {
  nonce: string;
  dev?: boolean;
  /** Origins that may frame the page (the widget's allow-list); none: `'none'`. */
  frameAncestors?: readonly string[];
}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    `frame-ancestors ${frameAncestors.length ? frameAncestors.join(" ") : "'none'"}`,
    "form-action 'self'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
  ].join("; ");
}
