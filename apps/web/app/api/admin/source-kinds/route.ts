import { listConnectorKinds } from "@groundwork/ingest";
import { route } from "~/lib/server/http/route";
import { listSourceKindsResponse } from "./contract";

/** The kinds of source an admin can add, each with the fields its form shows (descriptions, no values). */
export const GET = route({
  policy: "admin",
  response: listSourceKindsResponse,
  handler: async () => Response.json({ kinds: listConnectorKinds() }),
});
