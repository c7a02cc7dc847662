import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { NotificationOutcome } from "../connector";

/**
 * Zendesk webhooks (https://developer.zendesk.com/documentation/webhooks/verifying/): each
 * request carries `X-Zendesk-Webhook-Signature`, the base64 HMAC-SHA256 of
 * `X-Zendesk-Webhook-Signature-Timestamp` followed directly by the raw body, keyed with the
 * webhook's signing secret. (An older copy of that page wrote the order as body then timestamp;
 * the current page and Zendesk's own example sign timestamp + body.) A timestamp more than five
 * minutes from now is refused, so a captured request cannot be replayed later.
 */
export const SIGNATURE_TOLERANCE_MS = 5 * 60_000;

export function zendeskSignature({ secret, timestamp, body }: { secret: string; timestamp: string; body: Uint8Array }) {
  return createHmac("sha256", secret).update(timestamp).update(body).digest("base64");
}

export function verifyZendeskSignature({
  secret,
  headers,
  body,
  now = Date.now(),
}: {
  secret: string;
  headers: Headers;
  body: Uint8Array;
  now?: number;
}): boolean {
  const signature = headers.get("x-zendesk-webhook-signature") ?? "";
  const timestamp = headers.get("x-zendesk-webhook-signature-timestamp") ?? "";
  const expected = zendeskSignature({ secret, timestamp, body });
  const a = Buffer.from(signature);
  const b = Buffer.from(expected);
  // The HMAC is compared before the timestamp is looked at, so a stale and a forged request cost the same.
  const signed = a.length === b.length && timingSafeEqual(a, b);
  const at = Date.parse(timestamp);
  return signed && Number.isFinite(at) && Math.abs(now - at) <= SIGNATURE_TOLERANCE_MS;
}

// https://developer.zendesk.com/api-reference/webhooks/event-types/webhook-event-types/ (shared schema)
const eventSchema = z.object({
  type: z.string(),
  subject: z.string().optional(),
  detail: z.object({ id: z.union([z.string(), z.number()]).transform(String).optional() }).optional(),
});

// Article events that change what an article says or whether it is published; votes, comments and subscriptions do not.
const ARTICLE_CHANGES = new Set(["published", "unpublished", "author_changed", "updated", "created", "deleted"]);
// User and organisation events that can move someone in or out of a segment, group or organisation.
const IDENTITY_CHANGES =
  /^zen:event-type:(user\.(group_membership_|organization_membership_|role_changed|active_changed|identity_|merged|created|deleted|tags_changed|email)|organization\.(deleted|tags_changed))/;

// Events that change nothing Groundwork holds (a vote, a comment): acknowledged, no run.
const IGNORED: NotificationOutcome = {
  kind: "respond",
  status: 200,
  contentType: "application/json",
  body: '{"ignored":true}',
};

/** A verified event as what to sync: the article it names, or a permission (acl-only) run for identity changes. */
export function notificationOutcome(body: Uint8Array): NotificationOutcome {
  let event: z.output<typeof eventSchema>;
  try {
    event = eventSchema.parse(JSON.parse(new TextDecoder().decode(body)));
  } catch {
    // Signed, but not an event this connector reads (a trigger's custom payload): a plain incremental sync.
    return { kind: "changes", ids: null };
  }
  const article = /^zen:event-type:article\.(.+)$/.exec(event.type);
  if (article) {
    if (!ARTICLE_CHANGES.has(article[1]!)) return IGNORED;
    const id = event.detail?.id ?? /^zen:article:(\d+)$/.exec(event.subject ?? "")?.[1];
    return id && /^\d+$/.test(id) ? { kind: "changes", ids: [id] } : { kind: "changes", ids: null };
  }
  if (IDENTITY_CHANGES.test(event.type)) return { kind: "changes", ids: null, aclOnly: true };
  return IGNORED;
}
