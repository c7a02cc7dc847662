import { createHmac, timingSafeEqual } from "node:crypto";
import type { NotificationOutcome } from "../connector";
import { webhookEventSchema } from "./wire";

/**
 * Confluence webhooks (Data Center: https://confluence.atlassian.com/doc/managing-webhooks-1021225606.html;
 * Cloud admin webhooks sign the same way): with a secret set, each request carries
 * `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body keyed with the secret>`. The HMAC
 * is compared in constant time; a missing or wrong signature is refused like an unknown source.
 */
export function confluenceSignature({ secret, body }: { secret: string; body: Uint8Array }): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export function verifyConfluenceSignature({
  secret,
  headers,
  body,
}: {
  secret: string;
  headers: Headers;
  body: Uint8Array;
}): boolean {
  const given = (headers.get("x-hub-signature") ?? "").trim();
  // Some senders give the bare hex digest; the algorithm prefix is the documented form.
  const normalised = given.includes("=") ? given : `sha256=${given}`;
  const a = Buffer.from(normalised.toLowerCase());
  const b = Buffer.from(confluenceSignature({ secret, body }));
  return a.length === b.length && timingSafeEqual(a, b);
}

// Events that change what a page says or whether it exists: a targeted sync of the page (gone → deleted).
const PAGE_CHANGES =
  /^(page|blog)_(created|updated|restored|trashed|removed|moved|children_reordered)$|^(attachment)_(created|updated|removed|trashed|restored)$/;
// Events that change who may read: a permission (acl-only) run over everything, because a view
// restriction is inherited by every descendant of the page it is set on, and a space permission
// or group membership reaches any number of pages.
const ACCESS_CHANGES =
  /^(content_restriction|page_restriction|blog_restriction|content_permissions|space_permissions)_?(updated|changed|added|removed)?$|^(group|user)_(created|removed|deleted|added|membership_\w+|reactivated|deactivated)$|^space_(updated|removed|created)$/;

const IGNORED: NotificationOutcome = {
  kind: "respond",
  status: 200,
  contentType: "application/json",
  body: '{"ignored":true}',
};

/** A verified event as what to sync. */
export function notificationOutcome({ body, headers }: { body: Uint8Array; headers: Headers }): NotificationOutcome {
  let event: ReturnType<typeof webhookEventSchema.parse>;
  try {
    event = webhookEventSchema.parse(JSON.parse(new TextDecoder().decode(body)));
  } catch {
    // Signed, but not an event body we read: a plain incremental sync.
    return { kind: "changes", ids: null };
  }
  const name = (event.event ?? event.webhookEvent ?? headers.get("x-event-key") ?? "")
    .toLowerCase()
    .replace(/^confluence[:_]/, "");
  if (ACCESS_CHANGES.test(name)) return { kind: "changes", ids: null, aclOnly: true };
  if (PAGE_CHANGES.test(name)) {
    const pageId = name.startsWith("attachment")
      ? (event.attachment?.container?.id ?? event.page?.id ?? event.content?.id)
      : (event.page?.id ?? event.blog?.id ?? event.content?.id);
    if (name.startsWith("blog")) return IGNORED; // blog posts are not ingested
    return pageId && /^\d+$/.test(pageId)
      ? { kind: "changes", ids: [`page/${pageId}`] }
      : { kind: "changes", ids: null };
  }
  return IGNORED;
}
