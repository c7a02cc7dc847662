import type { Metadata } from "next";
import Link from "next/link";
import { FEEDBACK_TRIAGE, listFeedbackForReview, type FeedbackTriage } from "@groundwork/assistant";
import { listUsers } from "@groundwork/auth";
import { ClampedBox } from "~/components/admin/clamped-box";
import { TRIAGE_LABELS } from "~/components/admin/feedback-triage-labels";
import { FeedbackTriageSelect } from "~/components/admin/feedback-triage-select";
import { Markdown } from "~/components/markdown";
import { TableWrap } from "~/components/table-wrap";
import { requirePage } from "~/lib/server/auth/require-page";
import { getDb } from "~/lib/server/db";
import "./feedback.css";

export const metadata: Metadata = { title: "Feedback · Admin" };

const isTriage = (v: unknown): v is FeedbackTriage =>
  typeof v === "string" && (FEEDBACK_TRIAGE as readonly string[]).includes(v);

export default async function FeedbackPage({ searchParams }: { searchParams: Promise<{ triage?: string }> }) {
  const search = await searchParams;
  // An unknown state in the URL shows everything rather than an empty list.
  const triage = isTriage(search.triage) ? search.triage : undefined;
  await requirePage({ page: "/admin/feedback", next: `/admin/feedback${triage ? `?triage=${triage}` : ""}` });
  const db = (await getDb()).db;
  // Ratings are the assistant's table, names the auth package's: each read by its owner.
  const [rows, users] = await Promise.all([listFeedbackForReview({ db, triage }), listUsers({ db })]);
  const usernameOf = new Map(users.map((u) => [u.id, u.username]));
  const up = rows.filter((r) => r.rating > 0).length;
  return (
    <main id="main">
      <h1>Answer feedback</h1>
      <nav aria-label="Filter by review state" className="row">
        <Link href="/admin/feedback" aria-current={triage ? undefined : "page"}>
          All
        </Link>
        {FEEDBACK_TRIAGE.map((t) => (
          <Link key={t} href={`/admin/feedback?triage=${t}`} aria-current={triage === t ? "page" : undefined}>
            {TRIAGE_LABELS[t]}
          </Link>
        ))}
        <a className="button secondary small" href="/api/admin/feedback/export" download>
          Export eval set (JSONL)
        </a>
      </nav>
      <p className="muted">
        {rows.length} rating{rows.length === 1 ? "" : "s"}
        {triage ? ` ${TRIAGE_LABELS[triage].toLowerCase()}` : ""}: {up} helpful, {rows.length - up} not helpful.
      </p>
      <TableWrap label="Answer feedback table">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">User</th>
              <th scope="col">Rating</th>
              <th scope="col">Question</th>
              <th scope="col">Answer</th>
              <th scope="col">Comment</th>
              <th scope="col">Review</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const question = r.question ?? r.conversationTitle;
              return (
                <tr key={r.id}>
                  <td className="small">{r.createdAt.toISOString().replace("T", " ").slice(0, 16)}</td>
                  <td>{usernameOf.get(r.userId) ?? "(deleted user)"}</td>
                  <td>
                    {r.rating > 0 ? (
                      <span className="badge ok">helpful</span>
                    ) : (
                      <span className="badge err">not helpful</span>
                    )}
                  </td>
                  <td>
                    <Link href={`/admin/conversations/${r.conversationId}?message=${r.messageId}#m-${r.messageId}`}>
                      {question}
                    </Link>
                  </td>
                  <td className="small">
                    {r.mode && <span className="badge">{r.mode}</span>}
                    <ClampedBox label={`the answer to “${question}”`}>
                      <Markdown text={r.answer} />
                    </ClampedBox>
                  </td>
                  <td>{r.comment ?? <span className="muted">—</span>}</td>
                  <td>
                    <FeedbackTriageSelect feedbackId={r.id} triage={r.triage} label={`the rating of “${question}”`} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </main>
  );
}
