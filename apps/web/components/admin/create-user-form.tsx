"use client";

import { apiJson } from "~/lib/client/api";
import { formText } from "~/lib/http/form-text";
import { FormStatus } from "./form-status";
import { splitList, useMutation } from "./use-mutation";

export function CreateUserForm() {
  const { run, pending, error, message } = useMutation();
  return (
    <form
      className="stack card"
      aria-labelledby="new-user-h"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const f = new FormData(form);
        const ok = await run(
          () =>
            apiJson("/api/admin/users", {
              method: "POST",
              json: {
                username: formText(f.get("username")),
                displayName: formText(f.get("displayName")),
                email: formText(f.get("email")),
                role: formText(f.get("role")),
                password: formText(f.get("password")),
                groups: splitList(formText(f.get("groups"))),
              },
            }),
          "User created.",
        );
        if (ok) form.reset();
      }}
    >
      <h2 id="new-user-h">Create a user</h2>
      <label>
        Username
        <input name="username" required autoComplete="off" />
      </label>
      <label>
        Display name
        <input name="displayName" required />
      </label>
      <label>
        Email (optional)
        <input name="email" type="email" />
      </label>
      <label>
        Role
        <select name="role" defaultValue="employee">
          <option value="employee">employee</option>
          <option value="support">support</option>
          <option value="admin">admin</option>
        </select>
      </label>
      <label>
        Groups (comma-separated)
        <input name="groups" placeholder="hr, legal" />
      </label>
      <label>
        Initial password (min. 10 characters)
        <input name="password" type="password" required minLength={10} autoComplete="new-password" />
      </label>
      <button className="button" disabled={pending}>
        Create user
      </button>
      <FormStatus error={error} message={message} />
    </form>
  );
}
