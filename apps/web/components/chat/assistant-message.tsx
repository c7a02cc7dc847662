"use client";

import Link from "next/link";
import { isOfflineMode, offlineLayout } from "~/lib/client/answer-presentation";
import { pageLabel } from "~/lib/client/citation-link";
import { Markdown } from "../markdown";
import { CitationChip } from "./citation-chip";
import { FeedbackControl } from "./feedback-control";
import { PassageCard } from "./passage-card";
import { SearchedForLine } from "./searched-for-line";
import { SuggestedQuestions } from "./suggested-questions";
import type { ChatMessage } from "./types";

const MODE_BADGE: Record<string, { label: string; title: string; tone: string } | undefined> = {
  extractive: {
    label: "Extractive",
    title: "Quoted from the sources without a language model; nothing is invented.",
    tone: "",
  },
  fallback: {
    label: "Extractive (model unavailable)",
    title: "The language model did not answer in time, so this answer quotes the sources.",
    tone: "warn",
  },
  abstain: {
    label: "No confident answer",
    title: "The sources you can access do not answer this well enough.",
    tone: "warn",
  },
};

/**
 * One answer. An offline answer (extractive, fallback) leads with its best passage as a card;
 * an LLM answer renders as written, its citation chips naming section and page.
 */
export function AssistantMessage({
  message,
  question,
  onFollowUp,
}: {
  message: ChatMessage;
  question?: string;
  onFollowUp?: (q: string) => void;
}) {
  const byN = new Map(message.citations.map((c) => [c.n, c]));
  const badge = message.mode ? MODE_BADGE[message.mode] : undefined;
  const cited = [...byN.values()].filter((c) => c.href).sort((a, b) => a.n - b.n);
  const revoked = message.revokedCitations ?? 0;
  const streaming = message.state === "streaming";
  // While streaming there are no citations yet: the card appears with the final event.
  const card =
    !message.withheld && isOfflineMode(message.mode)
      ? offlineLayout({ content: message.content, citations: message.citations })
      : null;
  // That no model is configured is the admin's to fix (the admin console says so once), so a
  // plain extractive answer shows no banner, even one stored with the old notice.
  const notice = message.mode === "extractive" ? null : message.notice;
  const answerText = (
    <Markdown
      text={message.content}
      flagged={message.flags.map((f) => f.sentence)}
      highlight={card !== null}
      renderCite={(n, key) => <CitationChip key={key} n={n} citation={byN.get(n)} />}
    />
  );
  return (
    <article className="msg-assistant" aria-busy={streaming} aria-label="Answer">
      <div className="msg-meta">
        {badge && (
          <span className={`badge ${badge.tone}`} title={badge.title}>
            {badge.label}
          </span>
        )}
        {message.flags.length > 0 && (
          <span
            className="badge warn"
            title="Underlined sentences could not be matched to their cited source. Check them in the viewer."
          >
            {message.flags.length} sentence{message.flags.length === 1 ? "" : "s"} flagged
          </span>
        )}
        {message.state === "stopped" && <span className="badge">Stopped</span>}
        <span className="status-line" aria-live="polite">
          {streaming ? (message.status ?? "Thinking…") : ""}
        </span>
      </div>
      {notice && (
        <p className="banner warning small" role="note">
          {notice}
        </p>
      )}
      {!message.withheld && <SearchedForLine text={question ?? ""} corrections={message.corrections ?? []} />}
      <div className={`answer${message.mode === "abstain" ? " abstain" : ""}`}>
        {message.withheld ? (
          <p
            className="muted"
            title="You can no longer read any of the documents this answer quoted, so its text is not shown."
          >
            {message.content}
          </p>
        ) : card ? (
          <PassageCard
            lead={card.lead}
            supporting={card.supporting}
            confidence={message.confidence === "closest" ? "closest" : "answer"}
          >
            {answerText}
          </PassageCard>
        ) : (
          answerText
        )}
      </div>
      {message.error && (
        <p role="alert" className="error">
          {message.error}
        </p>
      )}
      {message.closest.length > 0 && (
        <div className="sources">
          <h3 className="small">Documents you could check</h3>
          <ul>
            {message.closest.map((d) => (
              <li key={d.documentId}>
                <Link href={d.href}>{d.title}</Link>
                {d.owner ? <span className="muted small"> — owner: {d.owner}</span> : null}
              </li>
            ))}
          </ul>
        </div>
      )}
      {cited.length > 0 && !card && (
        <div className="sources">
          <h3 className="small">Sources</h3>
          <ol>
            {cited.map((c) => {
              const page = pageLabel(c.pageFrom, c.pageTo);
              return (
                <li key={c.n} value={c.n}>
                  <Link href={c.href}>{c.title}</Link>{" "}
                  <span className="muted small">
                    {c.sourceName} · v{c.version}
                    {page ? ` · ${page}` : ""}
                  </span>
                </li>
              );
            })}
          </ol>
        </div>
      )}
      {revoked > 0 && (
        <p className="muted small">
          {revoked} cited document{revoked === 1 ? " is" : "s are"} no longer available to you.
        </p>
      )}
      {!streaming && message.id && message.state === "done" && (
        <>
          {onFollowUp && message.mode !== "abstain" && cited.length > 0 && (
            <SuggestedQuestions
              near={[...new Set(cited.map((c) => c.chunkId))]}
              label="Follow-up questions"
              onAsk={onFollowUp}
            />
          )}
          <FeedbackControl messageId={message.id} initial={message.feedback} />
        </>
      )}
    </article>
  );
}
