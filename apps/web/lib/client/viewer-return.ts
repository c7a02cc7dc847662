export type ViewerReturn = { kind: "answer" | "results"; from: string; to: string };

export const RETURN_KEY = "groundwork.viewer.return";

/** Only a same-site path into chat or lookup is ever linked back to. */
function safeFrom(from: unknown, kind: ViewerReturn["kind"]): from is string {
  if (typeof from !== "string" || !from.startsWith("/") || from.startsWith("//") || from.includes("\\")) return false;
  return kind === "answer" ? /^\/chat(?:[/?#]|$)/.test(from) : /^\/lookup(?:[/?#]|$)/.test(from);
}

/**
 * Notes, when a click follows a link into the viewer, where the reader was (chat's conversation or
 * lookup's query, both in the URL) and which document they opened. Returns whether it noted one.
 */
export function noteReturn({
  storage,
  kind,
  from,
  target,
}: {
  storage: Pick<Storage, "setItem">;
  kind: ViewerReturn["kind"];
  from: string;
  /** The followed link's href, resolved (`anchor.href`). */
  target: string;
}): boolean {
  let to: string;
  try {
    to = new URL(target, "http://x").pathname;
  } catch {
    return false;
  }
  if (!to.startsWith("/documents/") || !safeFrom(from, kind)) return false;
  try {
    storage.setItem(RETURN_KEY, JSON.stringify({ kind, from, to } satisfies ViewerReturn));
  } catch {
    return false; // storage full or disabled: the viewer just shows no way back
  }
  return true;
}

/** The noted return when it was noted for the document at `at`; null otherwise. */
export function readReturn({ storage, at }: { storage: Pick<Storage, "getItem">; at: string }): ViewerReturn | null {
  let raw: unknown;
  try {
    raw = JSON.parse(storage.getItem(RETURN_KEY) ?? "null");
  } catch {
    return null;
  }
  if (!raw || typeof raw !== "object") return null;
  const { kind, from, to } = raw as Record<string, unknown>;
  if ((kind !== "answer" && kind !== "results") || to !== at || !safeFrom(from, kind)) return null;
  return { kind, from, to };
}

/** A click handler for a container: a followed link into the viewer notes the page it left. */
export function noteReturnOnClick(kind: ViewerReturn["kind"]) {
  return (e: { target: EventTarget | null }) => {
    const a = e.target instanceof Element ? e.target.closest("a[href]") : null;
    if (!(a instanceof HTMLAnchorElement)) return;
    noteReturn({
      storage: window.sessionStorage,
      kind,
      from: window.location.pathname + window.location.search,
      target: a.href,
    });
  };
}
