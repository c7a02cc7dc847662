import { route } from "~/lib/server/http/route";
import { sessionResponse } from "./contract";

/** Who is signed in and the CSRF token the client sends as `x-csrf-token` on mutations. */
export const GET = route({
  policy: "public",
  response: sessionResponse,
  handler: async ({ session }) => {
    const headers = { "cache-control": "no-store" };
    if (!session) return Response.json({ user: null, csrfToken: null }, { headers });
    const { userId, username, displayName, role, groups } = session.principal;
    return Response.json(
      { user: { id: userId, username, displayName, role, groups }, csrfToken: session.csrfToken },
      { headers },
    );
  },
});
