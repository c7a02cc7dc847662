"use client";

import { useState } from "react";
import { apiFetch } from "~/lib/client/api";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className="button secondary small"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await apiFetch("/api/auth/sign-out", { method: "POST" }).catch(() => undefined);
        // A full page load on purpose: nothing of the signed-out user's client state (chat, history) may survive.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign("/sign-in");
      }}
    >
      Sign out
    </button>
  );
}
