import type { Metadata } from "next";
import { listFeedbackForReview } from "@groundwork/assistant";
import { listUsers } from "@groundwork/auth";
import { requirePage } from "~/lib/server/auth/require-page";
import { getDb } from "~/lib/server/db";

export const metadata: Metadata = { title: "Feedback · Admin" };

export default async function FeedbackPage() {
  await requirePage({ page: "/admin/feedback" });
  const db = (await getDb()).db;
  // Ratings are the assistant's table, names the auth package's: each read by its owner.
  const [rows, users] = await Promise.all([listFeedbackForReview({ db }), listUsers({ db })]);
  const usernameOf = new Map(users.map((u) => [u.id, u.username]));
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
                <td>{usernameOf.get(r.userId) ?? "(deleted user)"}</td>
                <td>
                  {r.rating > 0 ? (
                    <span className="badge ok">helpful</span>
                  ) : (
                    <span className="badge err">not helpful</span>
                  )}
                </td>
                <td>{r.question ?? r.conversationTitle}</td>
                <td className="small">
                  {r.mode && <span className="badge">{r.mode}</span>}{" "}
                  {r.answer.length > 280 ? `${r.answer.slice(0, 280)}…` : r.answer}
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
