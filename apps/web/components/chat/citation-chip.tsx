"use client";

import Link from "next/link";
import { useId, useState } from "react";
import { pageLabel } from "~/lib/client/citation-link";
import { Snippet } from "../snippet";
import type { Citation } from "./types";

/** `[n]` in an answer: hover or focus shows the cited passage, click opens the viewer at it. */
export function CitationChip({ n, citation }: { n: number; citation: Citation | undefined }) {
  const [open, setOpen] = useState(false);
  const tipId = useId();
  if (!citation || citation.revoked || !citation.href) {
    return (
      <span className="cite" aria-label={citation?.revoked ? `source ${n}, no longer available to you` : `source ${n}`}>
        {n}
      </span>
    );
  }
  const page = pageLabel(citation.pageFrom, citation.pageTo);
  return (
    <Link
      href={citation.href}
      className="cite"
      aria-label={`Source ${n}: ${citation.title}`}
      aria-describedby={open ? tipId : undefined}
      data-citation={n}
      onMouseEnter={() => setOpen(true)}
      onMouseLeave={() => setOpen(false)}
      onFocus={() => setOpen(true)}
      onBlur={() => setOpen(false)}
      onKeyDown={(e) => e.key === "Escape" && setOpen(false)}
    >
      {n}
      {open && (
        <span role="tooltip" id={tipId} className="cite-pop">
          <strong>
            {citation.title} · v{citation.version}
            {page ? ` · ${page}` : ""}
          </strong>
          <Snippet text={citation.snippet} />
        </span>
      )}
    </Link>
  );
}
