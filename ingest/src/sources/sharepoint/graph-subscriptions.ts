import type { ConnectorContext, NotificationRegistration } from "../connector";
import type { GraphSession } from "./graph-session";

/**
 * Microsoft Graph subscriptions for the source's drives
 * (https://learn.microsoft.com/graph/api/subscription-post-subscriptions,
 * https://learn.microsoft.com/graph/api/subscription-update): one per drive on `/drives/{id}/root`
 * (OneDrive for Business and SharePoint accept subscriptions on a drive's root only), changeType
 * `updated` (the only one driveItem supports), clientState = the source's webhook secret (checked by
 * graph-notifications.ts on every delivery). Creating one makes Graph POST a validationToken to
 * the notificationUrl first, which the hook route echoes. A driveItem subscription lasts at most
 * 42,300 minutes (under 30 days, per the subscription resource's "maximum length" table); renewing
 * is a PATCH of expirationDateTime, and a subscription Graph no longer knows is created anew.
 */
export const DRIVE_SUBSCRIPTION_MINUTES = 42_300;
// Asked a little short of the maximum: Graph refuses an expirationDateTime past it by its own clock.
const ASK_MINUTES = DRIVE_SUBSCRIPTION_MINUTES - 60;

type Subscription = { id: string; resource: string; expirationDateTime: string };
type Stored = { id: string; resource: string; expiresAt: string };

export async function ensureGraphSubscriptions({
  graph,
  driveIds,
  notificationUrl,
  secret,
  current,
  now,
  ctx,
}: {
  graph: GraphSession;
  driveIds: string[];
  notificationUrl: string;
  secret: string;
  current: NotificationRegistration | null;
  now: Date;
  ctx: ConnectorContext;
}): Promise<NotificationRegistration | null> {
  if (driveIds.length === 0) return null;
  const expirationDateTime = new Date(now.getTime() + ASK_MINUTES * 60_000).toISOString();
  const previous = Array.isArray(current?.subscriptions) ? (current.subscriptions as Stored[]) : [];
  const out: Stored[] = [];
  for (const driveId of driveIds) {
    const resource = `/drives/${driveId}/root`;
    const known = previous.find((s) => s.resource === resource);
    let sub: Subscription | null = null;
    if (known) {
      try {
        sub = await graph.send<Subscription>("PATCH", `/subscriptions/${encodeURIComponent(known.id)}`, {
          expirationDateTime,
        });
      } catch (error) {
        // Gone (expired, deleted by an admin) or refused: a new one replaces it; the old one, if
        // it still exists, carries the same clientState and lapses on its own.
        ctx.log("renewing a Graph subscription failed; creating a new one", {
          subscription: known.id,
          error: (error as Error).message,
        });
      }
    }
    sub ??= await graph.send<Subscription>("POST", "/subscriptions", {
      changeType: "updated",
      notificationUrl,
      resource,
      expirationDateTime,
      clientState: secret,
    });
    out.push({ id: sub.id, resource, expiresAt: sub.expirationDateTime ?? expirationDateTime });
  }
  const first = out.reduce((a, b) => (Date.parse(a.expiresAt) <= Date.parse(b.expiresAt) ? a : b));
  // The earliest expiry is the one the tick renews by; every drive's subscription is renewed together.
  return { id: first.id, resource: first.resource, expiresAt: first.expiresAt, subscriptions: out };
}
