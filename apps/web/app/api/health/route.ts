import { probeRoute } from "~/lib/server/http/route";
import { healthResponse } from "./contract";

export const dynamic = "force-dynamic";

const startedAt = Date.now();

/** Liveness: the process serves requests. Deliberately touches nothing else (not even the database). */
export const GET = probeRoute({
  response: healthResponse,
  handler: async () =>
    Response.json(
      { status: "ok", uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) },
      { headers: { "cache-control": "no-store" } },
    ),
});
