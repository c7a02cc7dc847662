import { z } from "zod";

/** A push accepted: a run was queued, or one already queued or running will see the change. */
export const sourceWebhookResponse = z.strictObject({ queued: z.boolean() });
