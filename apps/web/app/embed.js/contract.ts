/**
 * `GET /embed.js` takes no input and answers the widget's loader script (text/javascript, the
 * same bytes for everyone: lib/http/embed-loader.ts), not JSON, so there is no schema to declare.
 */
export const embedLoaderContentType = "text/javascript; charset=utf-8";
