import type { Metadata } from "next";
import { ChatApp } from "~/components/chat/chat-app";
import { requirePage } from "~/lib/server/auth/require-page";

export const metadata: Metadata = { title: "Chat" };

export default async function ChatPage({ searchParams }: { searchParams: Promise<{ c?: string }> }) {
  const { c } = await searchParams;
  await requirePage({ page: "/chat", next: c ? `/chat?c=${encodeURIComponent(c)}` : "/chat" });
  const conversationId = c && /^[0-9a-f-]{36}$/i.test(c) ? c : null;
  return (
    <main id="main" style={{ padding: 0, maxWidth: "none" }}>
      <ChatApp key={conversationId ?? "new"} initialConversationId={conversationId} />
    </main>
  );
}
