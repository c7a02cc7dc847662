import "server-only";
import { describeConversations, describeMessages } from "@groundwork/assistant";
import { auditTargetIds, type AuditTargetLabel, type AuditTargetLabels } from "@groundwork/audit";
import { describeGroups, describeUsers, type UserLabel } from "@groundwork/auth";
import type { Database } from "@groundwork/db/client";
import { describeDocuments, describeRuns, describeSources } from "@groundwork/ingest";

function userText(u: UserLabel): string {
  const name = u.displayName && u.displayName !== u.username ? `${u.displayName} (${u.username})` : u.username;
  return u.email ? `${name} · ${u.email}` : name;
}

/**
 * Names for the ids a page of audit events holds, resolved when the page is shown (a rename shows
 * the current name; a deleted row shows as deleted): one query per kind, each from the package
 * that owns the table, all at once.
 */
export async function resolveAuditLabels({
  db,
  events,
}: {
  db: Database;
  events: Parameters<typeof auditTargetIds>[0];
}): Promise<{ labels: AuditTargetLabels; actors: Map<string, string> }> {
  const ids = auditTargetIds(events);
  const [users, groups, documents, sources, runs, conversations, messages] = await Promise.all([
    describeUsers({ db, ids: ids.user }),
    describeGroups({ db, ids: ids.group }),
    describeDocuments({ db, ids: ids.document }),
    describeSources({ db, ids: ids.source }),
    describeRuns({ db, ids: ids.run }),
    describeConversations({ db, ids: ids.conversation }),
    describeMessages({ db, ids: ids.message }),
  ]);
  const map = <T>(m: Map<string, T>, f: (v: T, id: string) => AuditTargetLabel) =>
    new Map([...m].map(([id, v]) => [id, f(v, id)]));
  const labels: AuditTargetLabels = {
    user: map(users, (u) => ({ text: userText(u), href: `/admin/audit?actor=${encodeURIComponent(u.username)}` })),
    group: map(groups, (name, id) => ({ text: name, href: `/admin/groups/${id}` })),
    document: map(documents, (d, id) => ({
      text: `${d.title} (${d.sourceName}, v${d.version})`,
      href: `/admin/documents/${id}`,
    })),
    source: map(sources, (s, id) => ({ text: `${s.name} (${s.kind})`, href: `/admin/sources/${id}` })),
    run: map(runs, (r, id) => ({ text: `${r.mode} run of ${r.sourceName} (${r.status})`, href: `/admin/runs/${id}` })),
    conversation: map(conversations, (c, id) => ({ text: `“${c.title}”`, href: `/admin/conversations/${id}` })),
    message: map(messages, (m) => ({
      text: `answer in “${m.title}”`,
      href: `/admin/conversations/${m.conversationId}`,
    })),
  };
  return { labels, actors: new Map([...users].map(([id, u]) => [id, userText(u)])) };
}
