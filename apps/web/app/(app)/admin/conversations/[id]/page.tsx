import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { recordAuditEvent } from "@groundwork/audit";
import { getConversationForAdmin, type AdminConversation } from "@groundwork/assistant";
import { listUsers } from "@groundwork/auth";
import { FeedbackTriageSelect } from "~/components/admin/feedback-triage-select";
import { Markdown } from "~/components/markdown";
import { requirePage } from "~/lib/server/auth/require-page";
import { getDb } from "~/lib/server/db";
import { auditOutcomeFor, errorCodeOf } from "~/lib/server/http/route";
import "../../feedback/feedback.css";

export const metadata: Metadata = { title: "Conversation · Admin" };

/** Milliseconds since the call (the audit row's latency); outside the component for the React purity rule. */
function stopwatch(): () => number {
  const started = performance.now();
  return () => Math.round((performance.now() - started) * 100) / 100;
}

const when = (d: Date) => d.toISOString().replace("T", " ").slice(0, 16);

/**
 * Any user's conversation, read-only, for reviewing feedback: every question and answer as
 * stored, citations by title, the rated answer (`?message=`) marked. Reading another user's
 * history is itself audited (conversation.viewed_by_admin), whatever the outcome.
 */
export default async function AdminConversationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ message?: string }>;
}) {
  const { id } = await params;
  const { message } = await searchParams;
  const session = await requirePage({ page: "/admin/conversations/[id]", next: `/admin/conversations/${id}` });
  const db = (await getDb()).db;
  const elapsedMs = stopwatch();
  const viewed = ({ outcome, code }: { outcome: string; code?: string }) =>
    recordAuditEvent({
      db,
      actor: { userId: session.principal.userId, username: session.principal.username },
      action: "conversation.viewed_by_admin",
      target: id.slice(0, 200),
      outcome,
      latencyMs: elapsedMs(),
      detail: code ? { code } : {},
    });
  let conv: AdminConversation;
  try {
    conv = await getConversationForAdmin({ db, conversationId: id });
  } catch (error) {
    const code = errorCodeOf(error);
    await viewed({ outcome: auditOutcomeFor(code), code });
    if (code === "not_found") notFound();
    throw error;
  }
  await viewed({ outcome: "ok" });
  const owner = (await listUsers({ db })).find((u) => u.id === conv.userId);
  return (
    <main id="main" className="admin-conversation">
      <p className="small">
        <Link href="/admin/feedback">← Feedback</Link>
      </p>
      <h1>{conv.title}</h1>
      <p className="muted">
        {owner ? `${owner.displayName} (${owner.username})` : "(deleted user)"} · started {when(conv.createdAt)} UTC ·
        read-only
      </p>
      <ol className="plain">
        {conv.messages.map((m) => {
          const rated = m.id === message;
          return (
            <li
              key={m.id}
              id={`m-${m.id}`}
              className={rated ? "turn rated" : "turn"}
              aria-label={rated ? "Rated answer" : undefined}
            >
              <p className="small muted">
                {m.role === "user" ? "Question" : "Answer"} · {when(m.createdAt)}
                {m.mode && <span className="badge">{m.mode}</span>}
                {rated && <span className="badge">rated message</span>}
              </p>
              {m.role === "user" ? <p>{m.content}</p> : <Markdown text={m.content} />}
              {m.citations.length > 0 && (
                <ol className="small" aria-label="Citations">
                  {m.citations.map((c) => (
                    <li key={`${c.n}-${c.chunkId}`}>
                      [{c.n}] <Link href={c.href}>{c.title}</Link> <span className="muted">({c.path})</span>
                    </li>
                  ))}
                </ol>
              )}
              {m.feedback && (
                <div className="row small">
                  {m.feedback.rating > 0 ? (
                    <span className="badge ok">helpful</span>
                  ) : (
                    <span className="badge err">not helpful</span>
                  )}
                  {m.feedback.comment && <span>“{m.feedback.comment}”</span>}
                  <FeedbackTriageSelect
                    feedbackId={m.feedback.id}
                    triage={m.feedback.triage}
                    label={`the rating of this answer`}
                  />
                </div>
              )}
            </li>
          );
        })}
      </ol>
    </main>
  );
}
