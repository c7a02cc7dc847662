"use client";

import { useState } from "react";
import { apiJson } from "~/lib/client/api";
import { splitList, useMutation } from "./use-mutation";

type User = {
  id: string;
  username: string;
  displayName: string;
  email: string | null;
  role: string;
  disabled: boolean;
  sso: boolean;
  groups: string[];
};

export function UserRow({ user, self }: { user: User; self: boolean }) {
  const [role, setRole] = useState(user.role);
  const [groups, setGroups] = useState(user.groups.join(", "));
  const { run, pending, error, message } = useMutation();
  const patch = (body: Record<string, unknown>, ok: string) =>
    run(() => apiJson(`/api/admin/users/${user.id}`, { method: "PATCH", json: body }), ok);
  return (
    <tr>
      <td>
        <strong>{user.username}</strong>
        {user.sso && <span className="badge">SSO</span>}
        <div className="muted small">{user.displayName}</div>
      </td>
      <td>
        <label className="sr-only" htmlFor={`role-${user.id}`}>
          Role of {user.username}
        </label>
        <select
          id={`role-${user.id}`}
          value={role}
          disabled={self || pending}
          onChange={(e) => setRole(e.target.value)}
        >
          <option value="employee">employee</option>
          <option value="support">support</option>
          <option value="admin">admin</option>
        </select>
      </td>
      <td>
        <label className="sr-only" htmlFor={`groups-${user.id}`}>
          Groups of {user.username}
        </label>
        <input
          id={`groups-${user.id}`}
          value={groups}
          onChange={(e) => setGroups(e.target.value)}
          placeholder="(everyone only)"
          size={18}
        />
      </td>
      <td>{user.disabled ? <span className="badge err">disabled</span> : <span className="badge ok">active</span>}</td>
      <td>
        <div className="row">
          <button
            type="button"
            className="button secondary small"
            disabled={pending}
            onClick={() => void patch({ role, groups: splitList(groups) }, "Saved")}
          >
            Save
          </button>
          {!self && (
            <button
              type="button"
              className="button secondary small"
              disabled={pending}
              onClick={() => void patch({ disabled: !user.disabled }, user.disabled ? "Enabled" : "Disabled")}
            >
              {user.disabled ? "Enable" : "Disable"}
            </button>
          )}
        </div>
        {error ? (
          <span role="alert" className="error small">
            {error}
          </span>
        ) : (
          <span role="status" className="muted small">
            {message ?? ""}
          </span>
        )}
      </td>
    </tr>
  );
}
