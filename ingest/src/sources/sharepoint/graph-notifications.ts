import { timingSafeEqual } from "node:crypto";
import type { NotificationOutcome } from "../connector";

/**
 * Microsoft Graph change notifications at POST /api/hooks/sources/{id}
 * (https://learn.microsoft.com/graph/change-notifications-delivery-webhooks):
 *
 * - Creating or renewing a subscription, Graph first POSTs `?validationToken=…` and wants the
 *   token back, decoded, as text/plain with 200 within 10 seconds: answered here, from the
 *   request alone.
 * - A notification is `{ value: [{ subscriptionId, clientState, changeType, resource, … }] }`.
 *   The subscription was created with the source's webhook secret as `clientState`; every entry
 *   must carry it (compared in constant time), else the whole delivery is rejected (the uniform
 *   404). A driveItem notification names the drive, not the item, so the answer is an
 *   incremental sync: the next delta query from the stored deltaLink is the targeted sync.
 * - Lifecycle notifications (`reauthorizationRequired`, `missed`) carry the clientState too and
 *   also mean "catch up with delta".
 */
const MAX_TOKEN = 1024;

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function receiveGraphNotification({
  secret,
  url,
  body,
}: {
  secret: string;
  url: URL;
  body: Uint8Array;
}): NotificationOutcome {
  const token = url.searchParams.get("validationToken");
  if (token !== null) {
    if (token.length === 0 || token.length > MAX_TOKEN) return { kind: "rejected" };
    return { kind: "respond", status: 200, contentType: "text/plain; charset=utf-8", body: token };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return { kind: "rejected" };
  }
  const value = (parsed as { value?: unknown }).value;
  if (!Array.isArray(value) || value.length === 0) return { kind: "rejected" };
  for (const entry of value) {
    const clientState = (entry as { clientState?: unknown }).clientState;
    if (typeof clientState !== "string" || !same(clientState, secret)) return { kind: "rejected" };
  }
  return { kind: "changes", ids: null };
}
