import { redirect } from "next/navigation";
import { requirePage } from "~/lib/server/auth/require-page";

export default async function HomePage() {
  const session = await requirePage({ page: "/" });
  redirect(session.principal.role === "support" ? "/lookup" : "/chat");
}
