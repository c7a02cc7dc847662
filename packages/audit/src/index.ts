export { recordAuditEvent, type AuditActor, type AuditEventInput } from "./record-audit-event";
export { log } from "./log";
