"use client";

import { apiJson } from "~/lib/client/api";
import { formText } from "~/lib/http/form-text";
import { FormStatus } from "./form-status";
import { useMutation } from "./use-mutation";

export function CreateGroupForm() {
  const { run, pending, error, message } = useMutation();
  return (
    <form
      className="stack card"
      aria-labelledby="new-group-h"
      onSubmit={async (e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const f = new FormData(form);
        const ok = await run(
          () =>
            apiJson("/api/admin/groups", {
              method: "POST",
              json: { name: formText(f.get("name")), description: formText(f.get("description")) },
            }),
          "Group created.",
        );
        if (ok) form.reset();
      }}
    >
      <h2 id="new-group-h">Create a group</h2>
      <label>
        Name
        <input name="name" required pattern="[a-z0-9][a-z0-9_\-]{0,62}" />
      </label>
      <label>
        Description
        <input name="description" />
      </label>
      <button className="button" disabled={pending}>
        Create group
      </button>
      <FormStatus error={error} message={message} />
    </form>
  );
}
