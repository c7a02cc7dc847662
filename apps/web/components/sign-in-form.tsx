"use client";

import { useState, type FormEvent } from "react";
import { apiJson, ApiError } from "~/lib/client/api";

/**
 * Posts to /api/auth/sign-in. With JavaScript it sends JSON and navigates itself; without, the
 * browser posts the form (never a GET: the password must not end up in a URL) and follows the
 * route's redirect — to `next`, or back here with an error code the page turns into `initialError`.
 */
export function SignInForm({ next, initialError = null }: { next: string; initialError?: string | null }) {
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    try {
      const res = await apiJson<{ next?: string }>("/api/auth/sign-in", {
        method: "POST",
        json: { username: form.get("username"), password: form.get("password"), next },
      });
      // A full navigation so every server component renders with the new session.
      window.location.assign(res.next ?? next);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Could not reach the server. Try again.");
      setPending(false);
    }
  }

  return (
    <form method="post" action="/api/auth/sign-in" onSubmit={onSubmit} className="stack" noValidate>
      <input type="hidden" name="next" value={next} />
      <label>
        Username
        <input name="username" autoComplete="username" required autoFocus />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <button type="submit" className="button block" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
