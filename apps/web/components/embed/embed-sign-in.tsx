"use client";

import { useEffect, useState } from "react";

/** Where the sign-in window lands once signed in: a page that says so and closes itself. */
const SIGN_IN_HREF = `/sign-in?next=${encodeURIComponent("/embed/signed-in")}`;
const POLL_MS = 1500;
/** How long the widget keeps checking after the sign-in window opened. */
const POLL_FOR_MS = 10 * 60_000;

async function signedIn(): Promise<boolean> {
  try {
    const res = await fetch("/api/session", { credentials: "same-origin", cache: "no-store" });
    if (!res.ok) return false;
    const body = (await res.json()) as { user: unknown };
    return body.user !== null;
  } catch {
    return false;
  }
}

/**
 * Signed out inside the frame. The sign-in page refuses to be framed (and a password typed into
 * a frame on someone else's page is what phishing looks like), so it opens in its own window.
 * The frame cannot hear from that window (the app's Cross-Origin-Opener-Policy cuts the opener
 * link), so it asks /api/session until the cookie shows up, and reloads itself then.
 */
export function EmbedSignIn() {
  const [waiting, setWaiting] = useState(false);

  useEffect(() => {
    if (!waiting) return;
    const until = Date.now() + POLL_FOR_MS;
    let stopped = false;
    const check = async () => {
      if (stopped) return;
      if (await signedIn()) window.location.reload();
      else if (Date.now() > until) setWaiting(false);
    };
    const onFocus = () => void check();
    const timer = window.setInterval(onFocus, POLL_MS);
    window.addEventListener("focus", onFocus);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      window.removeEventListener("focus", onFocus);
    };
  }, [waiting]);

  return (
    <section className="embed-sign-in stack" aria-labelledby="embed-sign-in-h">
      <h1 id="embed-sign-in-h">Groundwork</h1>
      <p className="muted">Sign in to look up policies and ask questions, with answers only from what you may read.</p>
      <a
        className="button"
        href={SIGN_IN_HREF}
        target="_blank"
        rel="noopener"
        onClick={(e) => {
          // A popup sized for the form; if the browser blocks it, the link opens a tab instead.
          const popup = window.open(SIGN_IN_HREF, "groundwork-sign-in", "popup,width=520,height=700");
          if (popup) e.preventDefault();
          setWaiting(true);
        }}
      >
        Sign in to Groundwork
      </a>
      {waiting && (
        <p role="status" className="small muted">
          Waiting for you to sign in in the other window… If you have signed in and this stays, your browser does not
          send Groundwork&apos;s cookie to this frame: Groundwork must be served on the same site as this page (see the
          widget section of docs/embed.md).
        </p>
      )}
    </section>
  );
}
