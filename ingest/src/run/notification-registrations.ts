import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { log } from "@groundwork/core/logger";
import { sources, type Source } from "@groundwork/db/schema";
import { publicUrlSetting } from "../env";
import type { NotificationRegistration } from "../sources/connector";
import { connectorFor } from "../sources/connectors";
import { openConnector } from "../sources/open-connector";
import { openSecrets } from "../sources/secret-box";
import { webhookPath } from "../sources/source-webhook";

/** The most a registration is renewed ahead of its expiry (else a quarter of its lifetime, whichever is less). */
export const RENEW_MARGIN_MS = 24 * 3600_000;

/** The public origin vendors reach the hooks at (GROUNDWORK_PUBLIC_URL, as the web app reads it); null: unset. */
export function publicOrigin(env?: Readonly<Record<string, string | undefined>>): string | null {
  const value = publicUrlSetting(env);
  if (!value) return null;
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/**
 * Whether a stored registration needs (re)registering at `now`: none yet, unreadable, or within
 * its renewal margin — a quarter of its lifetime (from when it was last registered) capped at
 * 24 h, so a one-hour Drive channel is renewed after 45 minutes, not at every tick.
 */
export function registrationDue({ current, now }: { current: NotificationRegistration | null; now: Date }): boolean {
  if (!current) return true;
  const expires = Date.parse(current.expiresAt);
  if (!Number.isFinite(expires)) return true;
  const since = typeof current.registeredAt === "string" ? Date.parse(current.registeredAt) : NaN;
  const lifetime = Number.isFinite(since) ? expires - since : Infinity;
  const margin = Math.min(lifetime / 4, RENEW_MARGIN_MS);
  return expires - now.getTime() <= margin;
}

/**
 * The sync tick's notification pass: every unpaused source with a webhook secret whose kind
 * registers change notifications with its vendor (`Connector.ensureNotifications`) gets its
 * registration created when it has none and renewed before it lapses. A failure (the vendor
 * refuses, the validation handshake fails) is logged and tried again at the next tick; it never
 * fails the tick, and polling keeps the source in sync meanwhile.
 */
export async function ensureNotificationRegistrations({
  db,
  now = new Date(),
  origin = publicOrigin(),
}: {
  db: Database;
  now?: Date;
  /** Where vendors reach Groundwork; null: no registration (a vendor could not call back). */
  origin?: string | null;
}): Promise<{ registered: string[]; failed: string[] }> {
  const registered: string[] = [];
  const failed: string[] = [];
  if (!origin) return { registered, failed };
  const rows = await db
    .select()
    .from(sources)
    .where(and(eq(sources.paused, false), isNull(sources.reauthReason), isNotNull(sources.webhookSecret)));
  for (const row of rows) {
    if (!hasHook(row.kind)) continue;
    const current = row.notificationRegistration ?? null;
    if (!registrationDue({ current, now })) continue;
    try {
      const next = await register({ db, row, origin, current, now });
      await db
        .update(sources)
        .set({ notificationRegistration: next ? { ...next, registeredAt: now.toISOString() } : null })
        .where(eq(sources.id, row.id));
      if (next) registered.push(row.name);
    } catch (error) {
      failed.push(row.name);
      log.warn("change notifications could not be registered; retried at the next tick", {
        source: row.name,
        error: (error as Error).message,
      });
    }
  }
  return { registered, failed };
}

function hasHook(kind: string): boolean {
  try {
    return connectorFor(kind).ensureNotifications !== undefined;
  } catch {
    return false;
  }
}

async function register({
  db,
  row,
  origin,
  current,
  now,
}: {
  db: Database;
  row: Source;
  origin: string;
  current: NotificationRegistration | null;
  now: Date;
}): Promise<NotificationRegistration | null> {
  const secret = openSecrets({ sourceId: row.id, sealed: row.webhookSecret }).webhook;
  if (!secret) throw new Error("the source's webhook secret cannot be read");
  const { connector, config, ctx } = await openConnector({
    db,
    row,
    existing: new Map(),
    // A vendor that hangs must not hold the tick: the next one tries again.
    signal: AbortSignal.timeout(60_000),
  });
  return connector.ensureNotifications!({
    config,
    ctx,
    notificationUrl: `${origin}${webhookPath(row.id)}`,
    secret,
    current,
    now,
  });
}
