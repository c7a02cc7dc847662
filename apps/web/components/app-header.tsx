import Link from "next/link";
import { admits } from "@groundwork/access/policy";
import { PAGE_POLICIES } from "~/lib/server/auth/page-policies";
import type { SessionUser } from "./session-provider";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";
import { ThemeToggle } from "./theme-toggle";
import type { ThemeChoice } from "~/lib/client/theme";

export function AppHeader({ user, theme = "system" }: { user: SessionUser; theme?: ThemeChoice }) {
  const links = [
    { href: "/chat", label: "Chat" },
    // A link shows only to those its page admits.
    ...(admits({ policy: PAGE_POLICIES["/lookup"], role: user.role })
      ? [{ href: "/lookup", label: "Policy lookup" }]
      : []),
    ...(admits({ policy: PAGE_POLICIES["/admin"], role: user.role }) ? [{ href: "/admin", label: "Admin" }] : []),
  ];
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        Groundwork
      </Link>
      <nav aria-label="Main">
        <NavLinks links={links} />
      </nav>
      <div className="user-menu">
        <span className="muted" title={user.groups.length ? `Groups: ${user.groups.join(", ")}` : undefined}>
          {user.displayName}
          <span className="role-tag">{user.role}</span>
        </span>
        <Link href="/settings/tokens" className="small">
          API tokens
        </Link>
        <ThemeToggle initial={theme} />
        <SignOutButton />
      </div>
    </header>
  );
}
