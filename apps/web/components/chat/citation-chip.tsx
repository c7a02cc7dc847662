"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { pageWords, sectionPath } from "~/lib/client/answer-presentation";
import { Snippet } from "../snippet";
import type { Citation } from "./types";

/** `[n]` in an answer: hover or focus shows the cited passage, click opens the viewer at it. */
export function CitationChip({ n, citation }: { n: number; citation: Citation | undefined }) {
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState<{ left: number; width: number }>({ left: 0, width: 380 });
  const tipId = useId();
  // No citation: out of range, or dropped from history because its document is out of reach now.
  if (!citation || !citation.href) {
    return (
      <span className="cite" aria-label={`source ${n}`}>
        {n}
      </span>
    );
  }
  const page = pageWords(citation.pageFrom, citation.pageTo);
  // "Leave policy › Carry-over, page 4": where the passage sits, for the chip's name and its popover.
  const where = sectionPath(citation).join(" › ");
  // Keep the popover inside the viewport: shift it left of the chip when the chip sits near the right edge.
  const show = (el: HTMLElement) => {
    const rect = el.getBoundingClientRect();
    const width = Math.min(380, window.innerWidth - 16);
    const left = Math.max(8 - rect.left, Math.min(0, window.innerWidth - 8 - (rect.left + width)));
    setPlace({ left, width });
    setOpen(true);
  };
  return (
    <Link
      href={citation.href}
      className="cite"
      aria-label={`Source ${n}: ${where}${page ? `, ${page}` : ""}`}
      aria-describedby={open ? tipId : undefined}
      data-citation={n}
      onMouseEnter={(e) => show(e.currentTarget)}
      onMouseLeave={() => setOpen(false)}
      onFocus={(e) => show(e.currentTarget)}
      onBlur={() => setOpen(false)}
      onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
    >
      {n}
      {open && (
        <span role="tooltip" id={tipId} className="cite-pop" style={{ left: place.left, width: place.width }}>
          <strong>{where}</strong>
          <span className="muted">
            {citation.sourceName} · v{citation.version}
            {page ? ` · ${page}` : ""}
          </span>
          <span className="clamp">
            <Snippet text={citation.snippet} />
          </span>
        </span>
      )}
    </Link>
  );
}
