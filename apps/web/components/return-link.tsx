"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useSyncExternalStore } from "react";
import { readReturn, RETURN_KEY } from "~/lib/client/viewer-return";

const noSubscription = () => () => {};

/**
 * "Back to the answer" / "Back to the results" when this document was opened from chat or lookup
 * (they note where the reader was when a link into the viewer is followed). The link reopens that
 * address, so chat shows the conversation again and lookup its query, filters and scroll position.
 */
export function ReturnLink() {
  // The noted value as a string (a stable snapshot); none on the server, where no tab exists.
  const raw = useSyncExternalStore(
    noSubscription,
    () => window.sessionStorage.getItem(RETURN_KEY),
    () => null,
  );
  // The router's path, not window.location: after a client-side navigation this renders before the
  // address bar changes.
  const at = usePathname();
  const back = raw == null ? null : readReturn({ storage: { getItem: () => raw }, at });
  if (!back) return null;
  return (
    <Link className="back-link" href={back.from}>
      ← {back.kind === "answer" ? "Back to the answer" : "Back to the results"}
    </Link>
  );
}
