/**
 * The query string is the audit viewer's (`parseAuditQuery`, with `format=csv|json`); the
 * response is a streamed file download, not JSON. Failures before the first byte use the
 * usual error shape.
 */
export { parseAuditQuery } from "../contract";
