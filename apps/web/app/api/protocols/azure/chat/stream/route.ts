import { azureChatRoute } from "~/lib/server/developer/azure-chat-route";

export const dynamic = "force-dynamic";

/** The Azure search-openai-demo `POST /chat/stream`, NDJSON (proxy.ts rewrites the public path here). */
export const POST = azureChatRoute({ stream: true });
