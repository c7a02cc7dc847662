import { z } from "zod";
import { listApiModels } from "~/lib/server/developer/resolve-api-model";
import { openaiErrorResponder, openaiErrorResponse } from "~/lib/server/developer/openai-errors";
import { route } from "~/lib/server/http/route";
import { modelsResponse } from "./contract";

export const dynamic = "force-dynamic";

/** Models carry no creation date of their own; one fixed value keeps the list a pure function of what the caller reads. */
const CREATED = 0;

/** OpenAI's model list: the assistant, and one model per source and tag the caller can read (resolve-api-model.ts). */
export const GET = route({
  policy: "user",
  token: { scope: "chat", only: true },
  errorResponse: openaiErrorResponder,
  response: z.union([modelsResponse, openaiErrorResponse]),
  rateLimit: "search",
  handler: async ({ db, principal }) => {
    const models = await listApiModels({ db, principal });
    return Response.json(
      {
        object: "list",
        data: models.map((m) => ({
          id: m.id,
          object: "model",
          created: CREATED,
          owned_by: "groundwork",
          description: m.description,
        })),
      },
      { headers: { "cache-control": "no-store" } },
    );
  },
});
