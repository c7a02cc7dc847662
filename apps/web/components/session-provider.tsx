"use client";

import { createContext, useContext, type ReactNode } from "react";
import { setCsrfToken } from "~/lib/client/api";

export type SessionUser = {
  id: string;
  username: string;
  displayName: string;
  role: "employee" | "support" | "admin";
  groups: string[];
};

const SessionContext = createContext<SessionUser | null>(null);

/** Hands the server-rendered session to client components; the CSRF token goes to the API helper. */
export function SessionProvider({
  user,
  csrfToken,
  children,
}: {
  user: SessionUser;
  csrfToken: string;
  children: ReactNode;
}) {
  setCsrfToken(csrfToken);
  return <SessionContext.Provider value={user}>{children}</SessionContext.Provider>;
}

export function useSessionUser(): SessionUser {
  const user = useContext(SessionContext);
  if (!user) throw new Error("useSessionUser outside SessionProvider");
  return user;
}
