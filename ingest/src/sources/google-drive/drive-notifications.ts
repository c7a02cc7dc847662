import { timingSafeEqual } from "node:crypto";
import type { NotificationOutcome } from "../connector";

/**
 * Drive push notifications (https://developers.google.com/workspace/drive/api/guides/push): a
 * `changes.watch` channel was opened with the source's webhook secret as its `token`, and Drive
 * sends it back in `X-Goog-Channel-Token` on every message (compared in constant time; anything
 * else is the uniform rejection). The first message of a channel is `X-Goog-Resource-State:
 * sync` — acknowledged, nothing changed yet. Later ones (`change`, and `add`/`update`/`remove`…)
 * carry no file ids: the answer is an incremental sync from the stored changes cursor.
 */
function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function receiveDriveNotification({
  secret,
  headers,
}: {
  secret: string;
  headers: Headers;
}): NotificationOutcome {
  const token = headers.get("x-goog-channel-token");
  if (token === null || !same(token, secret) || !headers.get("x-goog-channel-id")) return { kind: "rejected" };
  const state = headers.get("x-goog-resource-state");
  if (state === "sync") return { kind: "respond", status: 200, contentType: "text/plain; charset=utf-8", body: "" };
  return { kind: "changes", ids: null };
}
