import { Fragment } from "react";
import { searchedFor, type Correction } from "~/lib/client/answer-presentation";
import styles from "./answer-layout.module.css";

/**
 * "Searched for **hearing** care **services** — you typed hearnig, servcies": shown whenever
 * retrieval corrected the spelling, so a reader knows the results answer the corrected words.
 * Renders nothing for no corrections.
 */
export function SearchedForLine({ text, corrections }: { text: string; corrections: readonly Correction[] }) {
  const line = searchedFor({ text, corrections });
  if (!line) return null;
  return (
    <p className={styles.searched} data-searched-for="">
      Searched for{" "}
      {line.parts.map((p, i) =>
        p.corrected ? <strong key={i}>{p.text}</strong> : <Fragment key={i}>{p.text}</Fragment>,
      )}
      <span className={styles.typed}> — you typed {line.typed.join(", ")}</span>
    </p>
  );
}
