// Public surface of the audit module.
export {
  recordAudit,
  sealAuditTrail,
  verifyAuditTrail,
  anchorAuditTrail,
  readAnchors,
  listAuditEvents,
  auditCsv,
  canonicalJson,
  type AuditEventInput,
  type VerifyReport,
  type Anchor,
} from './audit.service.ts';
export { auditRoutes } from './audit.routes.ts';
