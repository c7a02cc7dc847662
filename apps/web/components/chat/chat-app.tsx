"use client";

import { useCallback, useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { readAnswerEvents } from "@groundwork/assistant/events";
import { validCorrections } from "~/lib/client/answer-presentation";
import { apiFetch, apiJson, ApiError } from "~/lib/client/api";
import { AssistantMessage } from "./assistant-message";
import type {
  AnswerConfidence,
  AnswerFlag,
  AnswerMode,
  ChatMessage,
  Citation,
  ClosestDocument,
  ConversationSummary,
} from "./types";

type StoredMessage = {
  id: string;
  role: "user" | "assistant";
  content: string;
  mode?: AnswerMode | null;
  citations?: Citation[];
  flags?: AnswerFlag[];
  closest?: ClosestDocument[];
  notice?: string | null;
  confidence?: AnswerConfidence | null;
  corrections?: unknown;
  feedback?: { rating: number; comment: string | null } | null;
  withheld?: boolean;
  revokedCitations?: number;
};

let keySeq = 0;
const nextKey = () => `m${++keySeq}`;

const confidenceOf = (v: unknown): AnswerConfidence | null => (v === "answer" || v === "closest" ? v : null);

function fromStored(m: StoredMessage): ChatMessage {
  return {
    key: m.id,
    id: m.id,
    role: m.role,
    content: m.content,
    mode: m.mode ?? null,
    citations: Array.isArray(m.citations) ? m.citations : [],
    flags: Array.isArray(m.flags) ? m.flags : [],
    closest: Array.isArray(m.closest) ? m.closest : [],
    notice: m.notice ?? null,
    confidence: confidenceOf(m.confidence),
    corrections: validCorrections(m.corrections),
    status: null,
    state: "done",
    error: null,
    feedback: m.feedback ?? null,
    withheld: m.withheld === true,
    revokedCitations: typeof m.revokedCitations === "number" ? m.revokedCitations : 0,
  };
}

/** The question an answer replies to: the user message just before it. */
function questionBefore(messages: ChatMessage[], index: number): string {
  const prev = messages[index - 1];
  return prev?.role === "user" ? prev.content : "";
}

export function ChatApp({ initialConversationId }: { initialConversationId: string | null }) {
  const [conversationId, setConversationId] = useState<string | null>(initialConversationId);
  const [conversations, setConversations] = useState<ConversationSummary[] | null>(null);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [input, setInput] = useState("");
  const [busy, setBusy] = useState(false);
  const abortRef = useRef<AbortController | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const bottomRef = useRef<HTMLDivElement>(null);

  const refreshConversations = useCallback(async () => {
    try {
      const res = await apiJson<{ conversations: ConversationSummary[] }>("/api/conversations");
      setConversations(res.conversations);
    } catch {
      setConversations((c) => c ?? []);
    }
  }, []);

  useEffect(() => {
    void refreshConversations();
  }, [refreshConversations]);

  useEffect(() => {
    if (!initialConversationId) return;
    let cancelled = false;
    apiJson<{ messages: StoredMessage[] }>(`/api/conversations/${encodeURIComponent(initialConversationId)}`)
      .then((res) => !cancelled && setMessages(res.messages.map(fromStored)))
      .catch(
        (err) =>
          !cancelled && setLoadError(err instanceof ApiError ? err.message : "Could not load this conversation."),
      );
    return () => {
      cancelled = true;
    };
  }, [initialConversationId]);

  const patchLast = (patch: (m: ChatMessage) => ChatMessage) =>
    setMessages((ms) => {
      const last = ms.at(-1);
      return last && last.role === "assistant" ? [...ms.slice(0, -1), patch(last)] : ms;
    });

  async function ask(question: string) {
    const q = question.trim();
    if (!q || busy) return;
    setInput("");
    setBusy(true);
    const ctrl = new AbortController();
    abortRef.current = ctrl;
    setMessages((ms) => [
      ...ms,
      {
        key: nextKey(),
        id: null,
        role: "user",
        content: q,
        mode: null,
        citations: [],
        flags: [],
        closest: [],
        notice: null,
        status: null,
        state: "done",
        error: null,
        feedback: null,
      },
      {
        key: nextKey(),
        id: null,
        role: "assistant",
        content: "",
        mode: null,
        citations: [],
        flags: [],
        closest: [],
        notice: null,
        status: "Searching your documents…",
        state: "streaming",
        error: null,
        feedback: null,
      },
    ]);
    try {
      const res = await apiFetch("/api/chat", {
        method: "POST",
        json: { question: q, ...(conversationId ? { conversationId } : {}) },
        signal: ctrl.signal,
        headers: { accept: "text/event-stream" },
      });
      if (!res.body) throw new Error("empty response");
      let finished = false;
      // Each frame is decoded with the answer stream's zod contract; one that does not fit is skipped.
      for await (const ev of readAnswerEvents({ body: res.body })) {
        if (ev.type === "status") {
          patchLast((m) => ({ ...m, status: ev.message, content: ev.reset ? "" : m.content }));
        } else if (ev.type === "delta") {
          patchLast((m) => ({ ...m, content: m.content + ev.text }));
        } else if (ev.type === "citations") {
          patchLast((m) => ({
            ...m,
            content: ev.content,
            mode: ev.mode,
            citations: ev.citations,
            flags: ev.flags,
            closest: ev.closest,
            notice: ev.notice,
            confidence: ev.confidence,
            corrections: validCorrections(ev.corrections),
          }));
        } else if (ev.type === "done") {
          finished = true;
          const newId = ev.conversationId;
          patchLast((m) => ({ ...m, id: ev.messageId, mode: ev.mode, state: "done", status: null }));
          if (newId && newId !== conversationId) {
            setConversationId(newId);
            window.history.replaceState(null, "", `/chat?c=${encodeURIComponent(newId)}`);
          }
        } else {
          finished = true;
          patchLast((m) => ({ ...m, state: "error", status: null, error: ev.message }));
        }
      }
      if (!finished)
        patchLast((m) => ({
          ...m,
          state: "error",
          status: null,
          error: "The connection closed before the answer finished.",
        }));
    } catch (err) {
      if (ctrl.signal.aborted) patchLast((m) => ({ ...m, state: "stopped", status: null }));
      else
        patchLast((m) => ({
          ...m,
          state: "error",
          status: null,
          error: err instanceof ApiError ? err.message : "Could not reach the server.",
        }));
    } finally {
      abortRef.current = null;
      setBusy(false);
      void refreshConversations();
      inputRef.current?.focus();
    }
  }

  useEffect(() => {
    bottomRef.current?.scrollIntoView({ block: "end" });
  }, [messages.length]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    void ask(input);
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void ask(input);
    }
  }

  return (
    <div className="chat-layout">
      <aside className="history" aria-label="Conversation history">
        <a href="/chat" className="button secondary small block">
          New chat
        </a>
        <h2 className="small muted" style={{ margin: "0.75rem 0 0" }}>
          Recent
        </h2>
        {conversations === null ? (
          <p className="muted small">Loading…</p>
        ) : conversations.length === 0 ? (
          <p className="muted small">No conversations yet.</p>
        ) : (
          <ul>
            {conversations.map((c) => (
              <li key={c.id}>
                <a
                  href={`/chat?c=${encodeURIComponent(c.id)}`}
                  aria-current={c.id === conversationId ? "page" : undefined}
                  title={c.title}
                >
                  {c.title}
                </a>
              </li>
            ))}
          </ul>
        )}
      </aside>
      <div className="chat-main">
        <h1 className={messages.length ? "sr-only" : undefined}>Ask about Quillfeather Labs policies</h1>
        {messages.length === 0 && !loadError && (
          <p className="muted">
            Answers come only from documents you can access, and every claim links to the passage it came from.
          </p>
        )}
        {loadError && (
          <p role="alert" className="error">
            {loadError}
          </p>
        )}
        <section className="messages" aria-label="Conversation" aria-live="off">
          {messages.map((m, i) =>
            m.role === "user" ? (
              <p key={m.key} className="msg-user">
                {m.content}
              </p>
            ) : (
              <AssistantMessage
                key={m.key}
                message={m}
                question={questionBefore(messages, i)}
                onFollowUp={busy ? undefined : (q) => void ask(q)}
              />
            ),
          )}
          <div ref={bottomRef} />
        </section>
        <div className="composer">
          <form onSubmit={onSubmit}>
            <label htmlFor="question" className="sr-only">
              Your question
            </label>
            <textarea
              id="question"
              ref={inputRef}
              rows={2}
              value={input}
              maxLength={4000}
              onChange={(e) => setInput(e.target.value)}
              onKeyDown={onKeyDown}
              placeholder={messages.length ? "Ask a follow-up…" : "e.g. How many days of parental leave do I get?"}
              autoFocus
            />
            {busy ? (
              <button type="button" className="button danger" onClick={() => abortRef.current?.abort()}>
                Stop
              </button>
            ) : (
              <button type="submit" className="button" disabled={!input.trim()}>
                Ask
              </button>
            )}
          </form>
          <p className="muted small" style={{ margin: "0.3rem 0 0" }}>
            Enter to send · Shift+Enter for a new line
          </p>
        </div>
      </div>
    </div>
  );
}
