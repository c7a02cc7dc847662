/**
 * How each review state of an answer rating reads. A plain module (not the "use client" select)
 * so the server-rendered feedback page can read it too: a client module's non-component exports
 * are only references on the server.
 */
export const TRIAGE_LABELS = { new: "New", reviewed: "Reviewed", eval: "Added to eval set" } as const;
export type TriageState = keyof typeof TRIAGE_LABELS;
