import "server-only";
import { z } from "zod";

/**
 * Pieces every route's contract.ts uses. Each route directory has a contract.ts beside its
 * route.ts: the zod schemas of its request (body or query) and of its JSON responses. route()
 * parses requests with them; the handler carries its response schema (`handler.response`) so
 * the governance harness checks every JSON response a test receives against it.
 */

/** Every failure, from every route: route()'s one error shape. */
export const errorResponse = z.strictObject({
  error: z.strictObject({ code: z.string(), message: z.string(), requestId: z.string() }),
});

/** A timestamp as JSON carries it. */
export const timestamp = z.iso.datetime({ offset: true });

export const roleSchema = z.enum(["employee", "support", "admin"]);
