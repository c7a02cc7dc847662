import type { Metadata } from "next";
import Link from "next/link";
import { listGroups, listUsers } from "@groundwork/auth";
import { CreateGroupForm } from "~/components/admin/create-group-form";
import { CreateUserForm } from "~/components/admin/create-user-form";
import { UserRow } from "~/components/admin/user-row";
import { TableWrap } from "~/components/table-wrap";
import { requirePage } from "~/lib/server/auth/require-page";
import { getDb } from "~/lib/server/db";

export const metadata: Metadata = { title: "Users · Admin" };

export default async function UsersPage() {
  const session = await requirePage({ page: "/admin/users" });
  const db = (await getDb()).db;
  const [users, groups] = await Promise.all([listUsers({ db }), listGroups({ db })]);
  // Hand-made groups have a page (/admin/groups/<name>); a mirrored group's page is its source's.
  const withPage = new Set(groups.filter((g) => !g.mirrored).map((g) => g.name));
  return (
    <main id="main">
      <h1>Users and groups</h1>
      <section aria-labelledby="users-h">
        <h2 id="users-h">Users</h2>
        <p className="muted small">
          Every user is in “everyone”. Role and group changes apply at the user&apos;s next request; disabling signs
          them out.
        </p>
        <TableWrap label="Users table">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Role</th>
                <th scope="col">Groups</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <UserRow
                  key={u.id}
                  user={u}
                  self={u.id === session.principal.userId}
                  linkedGroups={u.groups.filter((g) => withPage.has(g))}
                />
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
      <section aria-labelledby="groups-h">
        <h2 id="groups-h">Groups</h2>
        <TableWrap label="Groups table">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">Description</th>
                <th scope="col">Members</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr key={g.id}>
                  <td>
                    {withPage.has(g.name) ? (
                      <Link href={`/admin/groups/${encodeURIComponent(g.name)}`}>{g.name}</Link>
                    ) : (
                      g.name
                    )}
                  </td>
                  <td>{g.description}</td>
                  <td>{g.name === "everyone" ? "all users" : g.members}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
      <div className="grid-2">
        <CreateUserForm />
        <CreateGroupForm />
      </div>
    </main>
  );
}
