import { z } from "zod";
import { bulkPushInput } from "@groundwork/ingest";
import { pushResultResponse } from "../documents/[externalId]/contract";

/** `POST /api/v1/sources/{source}/bulk`: up to 100 puts (`document`) and deletes (`delete: true`), in order. */
export const bulkPushRequest = bulkPushInput;

/** One result per item, in the request's order: an item refused for its content does not refuse the others. */
export const bulkPushResponse = z.strictObject({
  results: z.array(
    z.union([
      z.strictObject({ externalId: z.string(), ok: z.literal(true), result: pushResultResponse }),
      z.strictObject({
        externalId: z.string(),
        ok: z.literal(false),
        error: z.strictObject({ code: z.string(), message: z.string() }),
      }),
    ]),
  ),
});
