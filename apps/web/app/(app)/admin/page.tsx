import { redirect } from "next/navigation";
import { requirePage } from "~/lib/auth/require-page";

export default async function AdminHome() {
  await requirePage({ page: "/admin" });
  redirect("/admin/sources");
}
