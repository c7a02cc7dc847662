/**
 * No request body or query; the response is the original file (its own content type, an
 * attachment). Forbidden and missing are the same 404 in the usual error shape.
 */
export {};
