import type { Metadata } from "next";
import { listApiTokens, listServiceAccounts, READ_SCOPES } from "@groundwork/auth";
import { CreateServiceAccountForm, ServiceAccountPanel } from "~/components/admin/service-account-panel";
import { tokenRows } from "~/components/tokens/token-rows";
import { requirePage } from "~/lib/server/auth/require-page";
import { getDb } from "~/lib/server/db";

export const metadata: Metadata = { title: "Service accounts · Admin" };

export default async function ServiceAccountsPage() {
  await requirePage({ page: "/admin/service-accounts" });
  const db = (await getDb()).db;
  const accounts = await listServiceAccounts({ db });
  const tokens = await Promise.all(accounts.map((a) => listApiTokens({ db, userId: a.id })));
  return (
    <main id="main">
      <h1>Service accounts</h1>
      <p className="muted small">
        A service account is an identity for a program (a support console, a nightly sync). It cannot sign in; it acts
        through its tokens and reads exactly what its groups may read. Disabling it refuses all its tokens at their next
        request.
      </p>
      {accounts.length === 0 && <p className="muted">No service accounts yet.</p>}
      {accounts.map((a, i) => (
        <ServiceAccountPanel
          key={a.id}
          account={{
            id: a.id,
            username: a.username,
            displayName: a.displayName,
            disabled: a.disabled,
            groups: a.groups,
          }}
          tokens={tokenRows({ tokens: tokens[i] ?? [] })}
          scopes={READ_SCOPES}
        />
      ))}
      <CreateServiceAccountForm />
    </main>
  );
}
