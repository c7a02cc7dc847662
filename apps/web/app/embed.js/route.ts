import { EMBED_LOADER_JS } from "~/lib/http/embed-loader";
import { probeRoute } from "~/lib/server/http/route";
import { embedLoaderContentType } from "./contract";

/**
 * The widget loader (lib/http/embed-loader.ts) for host pages to include. Public and the same
 * for everyone: it carries no user data and no token, so any page may load it; only the
 * origins GROUNDWORK_EMBED_ORIGINS lists may frame what it opens (the /embed page's CSP).
 */
export const GET = probeRoute({
  // No session, no database: the same bytes for everyone, served even while the database is down.
  handler: async () =>
    new Response(EMBED_LOADER_JS, {
      headers: {
        "content-type": embedLoaderContentType,
        // Short: a changed loader reaches host pages within minutes.
        "cache-control": "public, max-age=300",
        // Host pages on other origins load it as a classic script (no CORS needed).
        "cross-origin-resource-policy": "cross-origin",
      },
    }),
});
