import { createHmac, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "@groundwork/db/client";
import { GroundworkError, isGroundworkError } from "@groundwork/core/errors";
import { isUuid, randomToken } from "@groundwork/core/ids";
import { sources } from "@groundwork/db/schema";
import { queueChanges } from "../run/queue-changes";
import { requestRun } from "../run/runs";
import { connectorFor } from "./connectors";
import { findSource } from "./manage-sources";
import { openSecrets, sealSecrets } from "./secret-box";

/**
 * Push webhooks: a Git host, CMS or script tells Groundwork a source changed, and a `webhook`
 * run is queued at once (the schedule stays the safety net). The caller proves itself with the
 * source's webhook secret in one of the forms hosts send: `Authorization: Bearer <secret>`,
 * `X-Gitlab-Token: <secret>`, or an HMAC-SHA256 of the body (`X-Hub-Signature-256: sha256=…`
 * from GitHub, `X-Gitea-Signature: …` from Gitea/Forgejo). A wrong secret and an unknown source
 * get the same answer after the same work, so the endpoint reveals nothing about which sources
 * exist.
 */
export async function enableSourceWebhook({
  db,
  source,
}: {
  db: Database;
  source: string;
}): Promise<{ path: string; secret: string }> {
  const row = await findSource({ db, source });
  const secret = `gwh_${randomToken({ bytes: 32 })}`;
  await db
    .update(sources)
    // A vendor registration carries the old secret (clientState, channel token): the next sync
    // tick registers again with the new one.
    .set({
      webhookSecret: sealSecrets({ sourceId: row.id, secrets: { webhook: secret } }),
      notificationRegistration: null,
    })
    .where(eq(sources.id, row.id));
  return { path: webhookPath(row.id), secret };
}

export async function disableSourceWebhook({ db, source }: { db: Database; source: string }): Promise<void> {
  const row = await findSource({ db, source });
  await db.update(sources).set({ webhookSecret: null, notificationRegistration: null }).where(eq(sources.id, row.id));
}

export const webhookPath = (sourceId: string) => `/api/hooks/sources/${sourceId}`;

// Compared against when the source is unknown or has no webhook: same work, same answer.
const DECOY = `gwh_${randomToken({ bytes: 32 })}`;

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function proves({ secret, headers, body }: { secret: string; headers: Headers; body: Uint8Array }): boolean {
  const hmac = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  const bearer = /^Bearer\s+(.+)$/i.exec(headers.get("authorization") ?? "")?.[1]?.trim();
  const checks = [
    bearer !== undefined && equal(bearer, secret),
    equal(headers.get("x-gitlab-token") ?? "", secret),
    equal(headers.get("x-hub-signature-256") ?? "", hmac),
    equal(`sha256=${headers.get("x-gitea-signature") ?? ""}`, hmac),
  ];
  return checks.some(Boolean);
}

/** What the route answers: a queued (or merged) run, or a vendor handshake answered as is. */
export type WebhookResult = {
  queued: boolean;
  runId?: string;
  /** The ids a targeted run is about (null: an incremental one). */
  ids?: string[] | null;
  /** Set when the vendor's request is answered as is (nothing queued). */
  respond?: { status: number; contentType: string; body: string };
};

/**
 * One POST to a source's hook. Kinds with vendor notifications (`Connector.receiveNotification`:
 * SharePoint's Graph subscriptions, Zendesk's signed webhooks) check the vendor's proof
 * themselves — Graph's clientState is the source's webhook secret, Zendesk signs with the
 * signing secret in the source's settings — and name what changed, so the run queued is a
 * targeted one (queue-changes: the notified ids only, or an acl run when only permissions
 * changed). Every other kind proves itself with the framework's secret forms and gets an
 * incremental `webhook` run. A refusal is the same 404 as an unknown source.
 */
export async function receiveSourceWebhook({
  db,
  sourceId,
  headers,
  body,
  url = new URL(`http://localhost${webhookPath(sourceId)}`),
}: {
  db: Database;
  sourceId: string;
  headers: Headers;
  body: Uint8Array;
  /** The request URL (Graph's validation handshake is a query parameter). */
  url?: URL;
}): Promise<WebhookResult> {
  const [row] = isUuid(sourceId) ? await db.select().from(sources).where(eq(sources.id, sourceId)).limit(1) : [];
  let secret = DECOY;
  if (row?.webhookSecret) {
    try {
      secret = openSecrets({ sourceId: row.id, sealed: row.webhookSecret }).webhook ?? DECOY;
    } catch {
      secret = DECOY;
    }
  }
  const connector = row ? connectorOf(row.kind) : null;
  if (row && connector?.receiveNotification) {
    const config = notificationConfig({ connector, row });
    const outcome = config
      ? await connector.receiveNotification({ config, secret, headers, url, body })
      : ({ kind: "rejected" } as const);
    if (outcome.kind === "rejected") throw new GroundworkError("not_found", "This webhook is not recognised.");
    if (outcome.kind === "respond")
      return {
        queued: false,
        respond: { status: outcome.status, contentType: outcome.contentType, body: outcome.body },
      };
    if (row.paused) return { queued: false };
    const changes = { ids: outcome.ids, aclOnly: outcome.aclOnly ?? false };
    return { ...(await queueChanges({ db, sourceId: row.id, changes })), ids: outcome.ids };
  }
  if (!proves({ secret, headers, body }) || secret === DECOY)
    throw new GroundworkError("not_found", "This webhook is not recognised.");
  if (row!.paused) return { queued: false };
  try {
    const { runId } = await requestRun({ db, source: row!.id, trigger: "webhook" });
    return { queued: true, runId };
  } catch (error) {
    // A run already queued or running will see the change (or the next one will): not an error for the sender.
    if (isGroundworkError(error) && error.code === "conflict") return { queued: false };
    throw error;
  }
}

function connectorOf(kind: string) {
  try {
    return connectorFor(kind);
  } catch {
    return null;
  }
}

/** The source's settings with its secrets (Zendesk's signing secret lives there); null when they no longer parse (refused). */
function notificationConfig({
  connector,
  row,
}: {
  connector: ReturnType<typeof connectorFor>;
  row: typeof sources.$inferSelect;
}): Record<string, unknown> | null {
  try {
    const secrets = openSecrets({ sourceId: row.id, sealed: row.secrets });
    const parsed = connector.configSchema.safeParse({ ...row.config, ...secrets });
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
