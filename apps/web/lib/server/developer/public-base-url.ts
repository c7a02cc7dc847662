import "server-only";
import { configuredPublicOrigin } from "../../http/origin";

/**
 * The origin viewer links in API answers are made absolute against: the configured public URL,
 * else the request's own origin (a local install). Never X-Forwarded-Host on its own say.
 */
export function publicBaseUrl({ req }: { req: Request }): string {
  return configuredPublicOrigin() ?? new URL(req.url).origin;
}
