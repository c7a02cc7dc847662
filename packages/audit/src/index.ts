export { recordAuditEvent, flushPendingAuditEvents, pendingAuditEventCount, MAX_PENDING_AUDIT_EVENTS, type AuditActor, type AuditEventInput } from "./record-audit-event";
export { readAuditEnv, type AuditEnv } from "./env";
export { purgeAuditEvents } from "./purge-audit-events";
export { startAuditRetention } from "./start-audit-retention";
export { listAuditEvents, auditFilterSchema, auditWhere, MAX_AUDIT_PAGE, type AuditFilter } from "./list-audit-events";
export { exportAuditEvents, csvCell, AUDIT_CSV_COLUMNS, type AuditExportFormat } from "./export-audit-events";
