import type { ListedAuditEvent } from "./list-audit-events";

/** What an event's `target` id names; the table behind each kind belongs to another package. */
export type AuditTargetKind = "user" | "group" | "document" | "source" | "run" | "conversation" | "message";

export const AUDIT_TARGET_KINDS: readonly AuditTargetKind[] = [
  "user",
  "group",
  "document",
  "source",
  "run",
  "conversation",
  "message",
];

// By action, as the writers set `target` (route audit specs and audit.record calls in apps/web,
// the chat pipeline in @groundwork/assistant). Actions not listed carry no id worth resolving
// (a token id, a push API path, a URL) and are shown as written.
const KIND_BY_ACTION: Record<string, AuditTargetKind> = {
  "user.create": "user",
  "user.update": "user",
  "service_account.create": "user",
  "service_account.update": "user",
  "service_account.token_create": "user",
  "group.create": "group",
  "group.delete": "group",
  "acl.update": "document",
  "document.view": "document",
  "document.download": "document",
  "document.delete": "document",
  "source.create": "source",
  "source.update": "source",
  "source.delete": "source",
  "source.pause": "source",
  "source.resume": "source",
  "source.run": "source",
  "source.check": "source",
  "source.webhook": "source",
  "run.request": "run",
  "run.cancel": "run",
  chat: "conversation",
  "conversation.view": "conversation",
  "conversation.rename": "conversation",
  "conversation.delete": "conversation",
  "conversation.admin_view": "conversation",
  feedback: "message",
  "feedback.triage": "message",
};

export function auditTargetKind(action: string): AuditTargetKind | null {
  return KIND_BY_ACTION[action] ?? null;
}

/**
 * The ids a page of events names, by kind, each once — so a page resolves them with one query per
 * kind, whatever its length. Actors are users too.
 */
export function auditTargetIds(
  events: readonly Pick<ListedAuditEvent, "action" | "target" | "actorId">[],
): Record<AuditTargetKind, string[]> {
  const sets = Object.fromEntries(AUDIT_TARGET_KINDS.map((k) => [k, new Set<string>()])) as Record<
    AuditTargetKind,
    Set<string>
  >;
  for (const e of events) {
    const kind = auditTargetKind(e.action);
    if (kind && e.target) sets[kind].add(e.target);
    if (e.actorId) sets.user.add(e.actorId);
  }
  return Object.fromEntries(AUDIT_TARGET_KINDS.map((k) => [k, [...sets[k]]])) as Record<AuditTargetKind, string[]>;
}

/** A resolved target: what to show, and where it links (absent when deleted or unlinkable). */
export type AuditTargetLabel = { text: string; href?: string };

/** Labels per kind, id → label; an id missing from its kind's map is a row deleted since. */
export type AuditTargetLabels = Partial<Record<AuditTargetKind, Map<string, AuditTargetLabel>>>;

const KIND_NOUN: Record<AuditTargetKind, string> = {
  user: "user",
  group: "group",
  document: "document",
  source: "source",
  run: "run",
  conversation: "conversation",
  message: "answer",
};

/**
 * How the log shows an event's target: the resolved label, "deleted document (1a2b3c4d…)" when the
 * row is gone (the id is kept so the raw log can still be searched for it), or the stored text.
 */
export function describeAuditTarget({
  event,
  labels,
}: {
  event: Pick<ListedAuditEvent, "action" | "target">;
  labels: AuditTargetLabels;
}): { kind: AuditTargetKind | null; text: string; href?: string; deleted: boolean } | null {
  if (!event.target) return null;
  const kind = auditTargetKind(event.action);
  if (!kind) return { kind: null, text: event.target, deleted: false };
  const found = labels[kind]?.get(event.target);
  if (found) return { kind, ...found, deleted: false };
  return { kind, text: `deleted ${KIND_NOUN[kind]} (${event.target.slice(0, 8)}…)`, deleted: true };
}

/** One changed field of an update: values as recorded, and for lists what was added and removed. */
export type AuditChange = {
  field: string;
  before: unknown;
  after: unknown;
  added?: string[];
  removed?: string[];
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function listDiff(before: unknown, after: unknown): Pick<AuditChange, "added" | "removed"> {
  if (!Array.isArray(before) || !Array.isArray(after)) return {};
  const was = new Set(before.map(String));
  const now = new Set(after.map(String));
  return { added: [...now].filter((v) => !was.has(v)), removed: [...was].filter((v) => !now.has(v)) };
}

/**
 * The before/after of an update event, or null when the row recorded none. Two shapes are written:
 * `detail.before` / `detail.after` objects keyed by field (users, sources), and an ACL edit's
 * `detail.before` list with the new list in `detail.acl`.
 */
export function auditChanges(detail: Record<string, unknown>): AuditChange[] | null {
  const { before, after } = detail;
  if (Array.isArray(before) && Array.isArray(detail.acl)) {
    return [{ field: "acl", before, after: detail.acl, ...listDiff(before, detail.acl) }];
  }
  if (!isRecord(before) || !isRecord(after)) return null;
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return fields
    .filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))
    .map((field) => ({ field, before: before[field], after: after[field], ...listDiff(before[field], after[field]) }));
}
