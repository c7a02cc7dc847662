/**
 * `POST /chat/stream` takes the same request as `POST /chat`; it answers NDJSON lines (the
 * demo's delta / context chunks), and errors in the JSON shape of `azureErrorResponse`.
 */
export { azureChatRequest } from "../contract";
