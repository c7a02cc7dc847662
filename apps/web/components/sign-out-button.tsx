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
        window.location.assign("/sign-in");
      }}
    >
      Sign out
    </button>
  );
}
