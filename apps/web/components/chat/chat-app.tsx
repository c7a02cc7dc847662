"use client";

import { useCallback, useEffect, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { readAnswerEvents } from "@groundwork/assistant/events";
import { validCorrections } from "~/lib/client/answer-presentation";
import { apiFetch, apiJson, ApiError } from "~/lib/client/api";
import { noteReturnOnClick } from "~/lib/client/viewer-return";
import { AssistantMessage } from "./assistant-message";
import { ConversationHistory } from "./conversation-history";
import { SuggestedQuestions } from "./suggested-questions";
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

/** Within this many pixels of the bottom the reader counts as "at the latest", and the view follows. */
const FOLLOW_SLACK_PX = 96;

/** Where an unsent question waits (per conversation) so a sign-in in between does not lose it. */
const draftKey = (conversationId: string | null) => `groundwork.chat.draft:${conversationId ?? "new"}`;

function readDraft(conversationId: string | null): string {
  try {
    return window.localStorage.getItem(draftKey(conversationId)) ?? "";
  } catch {
    return "";
  }
}

function writeDraft(conversationId: string | null, text: string): void {
  try {
    if (text.trim()) window.localStorage.setItem(draftKey(conversationId), text);
    else window.localStorage.removeItem(draftKey(conversationId));
  } catch {
    // Storage full or disabled: the draft just lives as long as the page.
  }
}

function distanceFromBottom(): number {
  const doc = document.documentElement;
  return doc.scrollHeight - (window.scrollY + window.innerHeight);
}

export function ChatApp({
  initialConversationId,
  syncUrl = true,
}: {
  initialConversationId: string | null;
  /** Keep the open conversation in the page URL (/chat?c=…); off in the widget, whose frame must stay on /embed. */
  syncUrl?: boolean;
}) {
  const [conversationId, setConversationId] = useState<string | null>(initialConversationId);
  const [conversations, setConversations] = useState<ConversationSummary[] | null>(null);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [input, setInputState] = useState("");
  const [busy, setBusy] = useState(false);
  const [signedOut, setSignedOut] = useState(false);
  const [awayFromLatest, setAwayFromLatest] = useState(false);
  const abortRef = useRef<AbortController | null>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const messagesRef = useRef<HTMLElement>(null);
  const lastQuestionRef = useRef<HTMLParagraphElement>(null);
  // Bumped when a stored conversation has loaded: the layout effect below scrolls once its messages are
  // in the DOM (a requestAnimationFrame could run before React committed them, and scroll nothing).
  const [reopened, setReopened] = useState(0);
  useLayoutEffect(() => {
    if (reopened) lastQuestionRef.current?.scrollIntoView({ block: "start" });
  }, [reopened]);
  // Whether the view follows the answer as it grows: on while the reader stays at the bottom,
  // off as soon as they scroll up (to read an earlier answer), on again at the bottom or on "Jump to latest".
  const followRef = useRef(true);
  const conversationRef = useRef(conversationId);
  conversationRef.current = conversationId;

  const setInput = useCallback((text: string) => {
    setInputState(text);
    writeDraft(conversationRef.current, text);
  }, []);

  // A draft left by an expired session (or a reload) comes back into the box.
  useEffect(() => {
    const draft = readDraft(initialConversationId);
    if (draft) setInputState(draft);
  }, [initialConversationId]);

  const scrollToLatest = useCallback(() => {
    followRef.current = true;
    setAwayFromLatest(false);
    window.scrollTo({ top: document.documentElement.scrollHeight });
  }, []);

  useEffect(() => {
    const onScroll = () => {
      const away = distanceFromBottom() > FOLLOW_SLACK_PX;
      followRef.current = !away;
      setAwayFromLatest(away);
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    // Content growing (a streaming answer, suggestions arriving) fires no scroll event: follow it here.
    const el = messagesRef.current;
    const observer = new ResizeObserver(() => {
      if (followRef.current) window.scrollTo({ top: document.documentElement.scrollHeight });
      else setAwayFromLatest(distanceFromBottom() > FOLLOW_SLACK_PX);
    });
    if (el) observer.observe(el);
    return () => {
      window.removeEventListener("scroll", onScroll);
      observer.disconnect();
    };
  }, []);

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
      .then((res) => {
        if (cancelled) return;
        // Reopened: the last question at the top of the view, its answer below it (not the
        // bottom of a long answer, nor the top of a long conversation).
        followRef.current = false;
        setMessages(res.messages.map(fromStored));
        setReopened((n) => n + 1);
      })
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
    // Kept as the draft until the server has taken the question (an expired session keeps it).
    setInputState("");
    setBusy(true);
    setSignedOut(false);
    followRef.current = true;
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
          writeDraft(conversationRef.current, "");
          const newId = ev.conversationId;
          patchLast((m) => ({ ...m, id: ev.messageId, mode: ev.mode, state: "done", status: null }));
          if (newId && newId !== conversationId) {
            setConversationId(newId);
            if (syncUrl) window.history.replaceState(null, "", `/chat?c=${encodeURIComponent(newId)}`);
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
      else if (err instanceof ApiError && err.status === 401) {
        // The session ended: the question goes back into the box (and storage) for after sign-in.
        setMessages((ms) => ms.slice(0, -2));
        setInput(q);
        setSignedOut(true);
      } else
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

  // A new question: the view goes to the bottom and follows its answer from there.
  useEffect(() => {
    if (followRef.current) window.scrollTo({ top: document.documentElement.scrollHeight });
  }, [messages.length]);

  const lastUserIndex = messages.findLastIndex((m) => m.role === "user");
  const signInHref = `/sign-in?next=${encodeURIComponent(conversationId ? `/chat?c=${conversationId}` : "/chat")}`;

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
    <div className="chat-layout" onClickCapture={noteReturnOnClick("answer")}>
      <ConversationHistory
        conversations={conversations}
        currentId={conversationId}
        onChanged={({ deleted }) => {
          // The open conversation deleted: the page becomes a new chat, as /chat would be.
          if (deleted && deleted === conversationId) {
            setConversationId(null);
            setMessages([]);
            if (syncUrl) window.history.replaceState(null, "", "/chat");
          }
          void refreshConversations();
        }}
      />
      <div className="chat-main">
        <h1 className={messages.length ? "sr-only" : undefined}>Ask about Quillfeather Labs policies</h1>
        {messages.length === 0 && !loadError && !initialConversationId && (
          <>
            <p className="muted">
              Answers come only from documents you can access, and every claim links to the passage it came from.
            </p>
            <SuggestedQuestions label="Try asking" onAsk={(q) => void ask(q)} />
          </>
        )}
        {loadError && (
          <p role="alert" className="error">
            {loadError}
          </p>
        )}
        <section className="messages" aria-label="Conversation" aria-live="off" ref={messagesRef}>
          {messages.map((m, i) =>
            m.role === "user" ? (
              <p key={m.key} className="msg-user" ref={i === lastUserIndex ? lastQuestionRef : undefined}>
                {m.content}
              </p>
            ) : (
              <AssistantMessage
                key={m.key}
                message={m}
                question={questionBefore(messages, i)}
                onFollowUp={i === messages.length - 1 ? (q) => void ask(q) : undefined}
              />
            ),
          )}
        </section>
        <div className="composer">
          {awayFromLatest && messages.length > 0 && (
            <button type="button" className="button secondary small jump-latest" onClick={scrollToLatest}>
              Jump to latest ↓
            </button>
          )}
          {signedOut && (
            <p role="alert" className="banner warning small">
              Your session has ended. Your question is kept here: <a href={signInHref}>sign in to continue</a>, and you
              will come back to this conversation.
            </p>
          )}
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
