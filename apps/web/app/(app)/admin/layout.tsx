import type { ReactNode } from "react";
import { NavLinks } from "~/components/nav-links";

const LINKS = [
  { href: "/admin/sources", label: "Sources & runs" },
  { href: "/admin/documents", label: "Documents" },
  { href: "/admin/users", label: "Users & groups" },
  { href: "/admin/service-accounts", label: "Service accounts" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/feedback", label: "Feedback" },
];

/** Admin shell; every admin page also checks the admin role itself through requirePage. */
export default function AdminLayout({ children }: { children: ReactNode }) {
  return (
    <div className="admin-layout">
      <nav aria-label="Admin" className="admin-nav">
        <NavLinks links={LINKS} />
      </nav>
      {children}
    </div>
  );
}
