// Only what other packages use (README.md lists it); purge, flush and the CSV helpers stay inside.
export { recordAuditEvent, type AuditActor, type AuditEventInput } from "./record-audit-event";
export { startAuditRetention } from "./start-audit-retention";
export { listAuditEvents, auditFilterSchema, MAX_AUDIT_PAGE, type AuditFilter } from "./list-audit-events";
export { exportAuditEvents, type AuditExportFormat } from "./export-audit-events";
export {
  auditTargetKind,
  auditTargetIds,
  describeAuditTarget,
  auditChanges,
  AUDIT_TARGET_KINDS,
  type AuditTargetKind,
  type AuditTargetLabel,
  type AuditTargetLabels,
  type AuditChange,
} from "./audit-targets";
