import { GroundworkError } from "@groundwork/core/errors";
import { probeRoute } from "~/lib/server/http/route";
import { unknownApiRouteResponse } from "./contract";

export const dynamic = "force-dynamic";

/**
 * Any /api path no route claims: the JSON 404 an API client can parse, instead of the HTML page.
 * It reads neither the session nor the database, so it says the same to everyone; the same
 * message whatever the path, so it reveals nothing about which paths exist beyond this one.
 */
const notFound = probeRoute({
  response: unknownApiRouteResponse,
  handler: async () => {
    throw new GroundworkError("not_found", "There is no such API route.");
  },
});

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
