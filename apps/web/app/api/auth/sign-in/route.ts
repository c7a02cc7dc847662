import { z } from "zod";
import { recordAuditEvent } from "@groundwork/audit";
import { GroundworkError } from "@groundwork/db/errors";
import { createSession } from "~/lib/auth/session";
import { verifyLocalSignIn } from "~/lib/auth/sign-in-local";
import { route } from "~/lib/http/route";

const body = z.object({
  username: z.string().trim().min(1, "is required").max(200),
  password: z.string().min(1, "is required").max(1000),
});

export const POST = route({
  policy: "public",
  body,
  maxBodyBytes: 4 * 1024,
  handler: async ({ db, body, requestId }) => {
    const started = performance.now();
    const user = await verifyLocalSignIn({ db, username: body.username, password: body.password });
    await recordAuditEvent({
      db,
      actor: { userId: user?.userId ?? null, username: body.username.toLowerCase() },
      action: "auth.sign_in",
      outcome: user ? "ok" : "denied",
      latencyMs: performance.now() - started,
      requestId,
      detail: { method: "password" },
    });
    if (!user) throw new GroundworkError("unauthorized", "Wrong username or password.");
    const { csrfToken } = await createSession({ db, userId: user.userId });
    return Response.json({ ok: true, csrfToken });
  },
});
