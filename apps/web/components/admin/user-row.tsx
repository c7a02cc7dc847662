"use client";

import Link from "next/link";
import { Fragment, useId, useRef, useState } from "react";
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

/** `linkedGroups`: the user's groups that have a page (hand-made ones; mirrored groups belong to their source). */
export function UserRow({ user, self, linkedGroups }: { user: User; self: boolean; linkedGroups: string[] }) {
  const [role, setRole] = useState(user.role);
  const [groups, setGroups] = useState(user.groups.join(", "));
  const { run, pending, error, message } = useMutation();
  const uid = useId();
  const confirmDialog = useRef<HTMLDialogElement>(null);
  const patch = (body: Record<string, unknown>, ok: string) =>
    run(() => apiJson(`/api/admin/users/${user.id}`, { method: "PATCH", json: body }), ok);
  const who =
    user.displayName && user.displayName !== user.username ? `${user.displayName} (${user.username})` : user.username;
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
        {linkedGroups.length > 0 && (
          <div className="small">
            {linkedGroups.map((g, i) => (
              <Fragment key={g}>
                {i > 0 && ", "}
                <Link href={`/admin/groups/${encodeURIComponent(g)}`}>{g}</Link>
              </Fragment>
            ))}
          </div>
        )}
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
          {!self && user.disabled && (
            <button
              type="button"
              className="button secondary small"
              disabled={pending}
              onClick={() => void patch({ disabled: false }, "Enabled")}
            >
              Enable
            </button>
          )}
          {!self && !user.disabled && (
            // Disabling signs the user out everywhere at once, so it asks first, naming who; Cancel is
            // first and focused so Enter on the opened dialog never disables anyone.
            <button
              type="button"
              className="button secondary small"
              aria-haspopup="dialog"
              aria-label={`Disable ${user.username}`}
              disabled={pending}
              onClick={() => confirmDialog.current?.showModal()}
            >
              Disable
            </button>
          )}
        </div>
        {!self && !user.disabled && (
          <dialog
            ref={confirmDialog}
            className="card confirm"
            aria-labelledby={`${uid}-t`}
            aria-describedby={`${uid}-d`}
          >
            <h3 id={`${uid}-t`}>Disable {who}?</h3>
            <p id={`${uid}-d`}>
              {user.username} is signed out of every session now and cannot sign in
              {user.sso ? " (also not through SSO)" : ""} until enabled again. Their API tokens stop working; their
              conversations and audit history are kept.
            </p>
            <div className="row">
              <button
                type="button"
                className="button secondary"
                autoFocus
                onClick={() => confirmDialog.current?.close()}
              >
                Cancel
              </button>
              <button
                type="button"
                className="button danger"
                disabled={pending}
                onClick={() => {
                  confirmDialog.current?.close();
                  void patch({ disabled: true }, "Disabled");
                }}
              >
                Disable {user.username}
              </button>
            </div>
          </dialog>
        )}
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
