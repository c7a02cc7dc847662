import type { Metadata } from "next";
import Link from "next/link";
import { requirePage } from "~/lib/server/auth/require-page";
import { modelSetupHint } from "~/lib/server/model-setup-hint";

export const metadata: Metadata = { title: "Admin" };

const SECTIONS = [
  { href: "/admin/sources", label: "Sources & runs", what: "add document sources, upload files and re-run ingestion" },
  { href: "/admin/documents", label: "Documents", what: "every ingested document, its versions and access" },
  { href: "/admin/users", label: "Users & groups", what: "accounts, roles and group membership" },
  { href: "/admin/audit", label: "Audit log", what: "who searched, asked and changed what" },
  { href: "/admin/feedback", label: "Feedback", what: "answers employees rated" },
];

/**
 * Admin console home. Whether a language model is configured is told here, once, to the people
 * who can change it, instead of on every employee's answer.
 */
export default async function AdminHome() {
  await requirePage({ page: "/admin" });
  const hint = modelSetupHint();
  return (
    <main id="main">
      <h1>Admin console</h1>
      {hint.state === "configured" ? (
        <p className="muted">
          Answers are written by the language model <code>{hint.model}</code> and checked against the cited passages.
        </p>
      ) : (
        <section className="banner warning" role="note" aria-labelledby="model-hint-h">
          <h2 id="model-hint-h">
            {hint.state === "missing"
              ? "No language model is configured"
              : "The language model configuration is invalid"}
          </h2>
          {hint.state === "invalid" && (
            <p>
              <code>{hint.message}</code>
            </p>
          )}
          <p>
            Answers are extractive: employees see the best passage from their documents, quoted verbatim, rather than a
            written answer. To have answers written (and still cited), point Groundwork at any OpenAI-compatible
            endpoint (OpenAI, Azure, vLLM, Ollama, llama.cpp) and restart:
          </p>
          <ul>
            <li>
              <code>LLM_BASE_URL</code> — the endpoint, e.g. <code>http://127.0.0.1:11434/v1</code>
            </li>
            <li>
              <code>LLM_API_KEY</code> and <code>LLM_MODEL</code> (default <code>gpt-4o-mini</code>)
            </li>
            <li>
              optionally <code>EMBEDDINGS_PROVIDER=openai</code> with <code>EMBEDDINGS_BASE_URL</code>, and{" "}
              <code>RERANK_URL</code>, for better search
            </li>
          </ul>
          <p className="small">
            Every variable is listed in <code>.env.example</code>; see <strong>Configuration › Models</strong> in the
            project&apos;s <code>README.md</code>.
          </p>
        </section>
      )}
      <h2>Sections</h2>
      <ul>
        {SECTIONS.map((s) => (
          <li key={s.href}>
            <Link href={s.href}>{s.label}</Link> <span className="muted">— {s.what}</span>
          </li>
        ))}
      </ul>
    </main>
  );
}
