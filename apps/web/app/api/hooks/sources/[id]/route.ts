import { recordAuditEvent } from "@groundwork/audit";
import { receiveSourceWebhook } from "@groundwork/ingest";
import { route } from "~/lib/server/http/route";
import { sourceWebhookResponse } from "./contract";

/**
 * A source's push webhook (`pnpm ingest sources webhook NAME` prints the URL and secret): a Git
 * host or script reports a change and a `webhook` run is queued. SaaS kinds check their vendor's
 * notification here too (Microsoft Graph's validationToken handshake and clientState, Zendesk's
 * signed webhooks) and queue a targeted run of the items named. The proof in the request is the
 * only credential; an unknown source, a wrong secret and a bad signature get the same 404.
 */
export const POST = route({
  policy: "public",
  machine: true,
  accept: ["application/json", "application/x-www-form-urlencoded", "text/plain"],
  maxBodyBytes: 1024 * 1024,
  rateLimit: false,
  response: sourceWebhookResponse,
  handler: async ({ req, db, params, requestId }) => {
    const started = performance.now();
    const body = new Uint8Array(await req.arrayBuffer());
    const result = await receiveSourceWebhook({
      db,
      sourceId: String(params.id),
      headers: req.headers,
      body,
      url: new URL(req.url),
    });
    // A vendor handshake (Graph's validationToken echo) is answered exactly as the vendor asks, not audited.
    if (result.respond)
      return new Response(result.respond.body, {
        status: result.respond.status,
        headers: { "content-type": result.respond.contentType },
      });
    // Accepted pushes only: the route wrapper audits signed-in callers, and a refused probe is
    // not worth a row each (it is logged as a 404 like any other).
    await recordAuditEvent({
      db,
      actor: { userId: null, username: "webhook" },
      action: "source.webhook",
      target: String(params.id),
      outcome: "ok",
      latencyMs: performance.now() - started,
      requestId,
      detail: {
        queued: result.queued,
        ...(result.runId ? { runId: result.runId } : {}),
        ...(result.ids ? { ids: result.ids.slice(0, 50) } : {}),
      },
    });
    return Response.json({ queued: result.queued }, { status: 202 });
  },
});
