import type { Metadata } from "next";
import { requirePage } from "~/lib/auth/require-page";
import { getDb } from "~/lib/db";
import { listFeedbackForReview } from "~/lib/web-queries";

export const metadata: Metadata = { title: "Feedback · Admin" };

export default async function FeedbackPage() {
  await requirePage({ page: "/admin/feedback" });
  const rows = await listFeedbackForReview({ db: (await getDb()).db });
  const up = rows.filter((r) => r.rating > 0).length;
  return (
    <main id="main">
      <h1>Answer feedback</h1>
      <p className="muted">
        {rows.length} rating{rows.length === 1 ? "" : "s"}: {up} helpful, {rows.length - up} not helpful.
      </p>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">User</th>
              <th scope="col">Rating</th>
              <th scope="col">Question</th>
              <th scope="col">Answer</th>
              <th scope="col">Comment</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="small">{r.createdAt.toISOString().replace("T", " ").slice(0, 16)}</td>
                <td>{r.username}</td>
                <td>{r.rating > 0 ? <span className="badge ok">helpful</span> : <span className="badge err">not helpful</span>}</td>
                <td>{r.question ?? r.conversationTitle}</td>
                <td className="small">
                  {r.mode && <span className="badge">{r.mode}</span>} {r.answer.length > 280 ? `${r.answer.slice(0, 280)}…` : r.answer}
                </td>
                <td>{r.comment ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </main>
  );
}
