"use client";

import Link from "next/link";
import { useId, type ReactNode } from "react";
import { pageWords, sectionPath } from "~/lib/client/answer-presentation";
import styles from "./answer-layout.module.css";
import type { AnswerConfidence, Citation } from "./types";

export const CLOSEST_HINT =
  "This passage is the nearest match in your documents; it may not answer the question exactly.";

/** "Leave policy › Carry-over · page 4" for one passage. */
function PassagePlace({ citation, className }: { citation: Citation; className?: string }) {
  const page = pageWords(citation.pageFrom, citation.pageTo);
  return (
    <>
      <Link href={citation.href} className={className}>
        {sectionPath(citation).join(" › ")}
      </Link>
      {page && <span className="muted small"> · {page}</span>}
    </>
  );
}

/**
 * An offline answer: the one best passage as a card (where it sits, its key sentences — the
 * answer text itself, highlighted), then up to two supporting passages. A "closest" result is
 * labelled and styled as the nearest passage, not as an answer: the label and hint say so in
 * words, the muted dashed border only repeats it.
 */
export function PassageCard({
  lead,
  supporting,
  confidence,
  children,
}: {
  lead: Citation;
  supporting: Citation[];
  confidence: AnswerConfidence;
  children: ReactNode;
}) {
  const labelId = useId();
  const closest = confidence === "closest";
  return (
    <section
      className={`${styles.card}${closest ? ` ${styles.closest}` : ""}`}
      aria-labelledby={labelId}
      data-passage-card={closest ? "closest" : "answer"}
    >
      <p className={styles.head}>
        <span className={styles.kind} id={labelId}>
          {closest ? "Closest passage" : "Best passage"}
        </span>
        <span>
          <PassagePlace citation={lead} className={styles.path} />
        </span>
      </p>
      {closest && <p className={styles.hint}>{CLOSEST_HINT}</p>}
      <div className={styles.quote}>{children}</div>
      {supporting.length > 0 && (
        <div className={styles.supporting}>
          <h3>Supporting passages</h3>
          <ul>
            {supporting.map((c) => (
              <li key={c.n}>
                <PassagePlace citation={c} />
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
