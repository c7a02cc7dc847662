"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError } from "~/lib/client/api";

/** Runs an admin API call, shows its error, and re-renders the server components on success. */
export function useMutation() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  async function run<T>(fn: () => Promise<T>, success?: string | ((r: T) => string)): Promise<T | undefined> {
    setPending(true);
    setError(null);
    setMessage(null);
    try {
      const r = await fn();
      if (success) setMessage(typeof success === "function" ? success(r) : success);
      router.refresh();
      return r;
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Request failed.");
      return undefined;
    } finally {
      setPending(false);
    }
  }
  return { run, pending, error, message };
}

export function splitList(value: string): string[] {
  return value
    .split(/[,\s]+/)
    .map((v) => v.trim())
    .filter(Boolean);
}
