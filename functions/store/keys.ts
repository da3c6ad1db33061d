/** Key shapes of the single table (see tableDesign.ts and docs/DATA_MODEL.md). */
export const keys = {
  estateCatalogue: () => ({ pk: 'GROUP' }),
  estate: (estateId: string) => ({ pk: 'GROUP', sk: `ESTATE#${estateId}` }),
  /** The group settings administrators set (one item). */
  groupSettings: () => ({ pk: 'GROUP', sk: 'SETTINGS' }),
  /** A custom deadline policy of the group. */
  deadlinePolicy: (policyId: string) => ({ pk: 'GROUP', sk: `POLICY#${policyId}` }),
  /** An estate import in progress or finished, by the file's digest. */
  estateImport: (fileDigest: string) => ({ pk: 'GROUP', sk: `IMPORT#${fileDigest}` }),
  /** The admin ledger (functions/domain/admin/adminLedger.ts): its entries and its head. */
  adminLedgerEntry: (seq: number) => ({ pk: 'ADMIN_LEDGER', sk: `ENTRY#${String(seq).padStart(9, '0')}` }),
  adminLedgerHead: () => ({ pk: 'ADMIN_LEDGER', sk: 'HEAD' }),
  /** A seq of the admin ledger whose head was published to the anchors bucket (functions/domain/admin/adminLedgerAnchor.ts). */
  adminLedgerAnchor: (seq: number) => ({ pk: 'ADMIN_LEDGER', sk: `ANCHOR#${String(seq).padStart(9, '0')}` }),
  /** The local staff directory (in AWS: the Cognito user pool). */
  staffMember: (userId: string) => ({ pk: 'STAFF', sk: `USER#${userId}` }),
  staffEmail: (email: string) => ({ pk: 'STAFF', sk: `EMAIL#${email.toLowerCase()}` }),
  referenceCounter: (estateId: string, year: number) => ({ pk: `ESTATE#${estateId}`, sk: `REFERENCE#${year}` }),
  idempotency: (keyHash: string) => ({ pk: `IDEMPOTENCY#${keyHash}`, sk: 'IDEMPOTENCY' }),
  case: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'CASE' }),
  casePartition: (caseId: string) => `CASE#${caseId}`,
  event: (caseId: string, seq: number) => ({ pk: `CASE#${caseId}`, sk: `EVENT#${String(seq).padStart(9, '0')}` }),
  notification: (caseId: string, notificationKey: string) => ({ pk: `CASE#${caseId}`, sk: `NOTIFICATION#${notificationKey}` }),
  execution: (executionName: string) => ({ pk: `EXECUTION#${executionName}`, sk: 'EXECUTION' }),
  workflowWait: (caseId: string) => ({ pk: `CASE#${caseId}`, sk: 'WORKFLOW#WAIT' }),
  /** A request to start a lifecycle execution (e.g. stage 2 after a reopen), written with the decision that asks for it. */
  lifecycleStart: (caseId: string, entry: string, eventSeq: number) => ({ pk: `CASE#${caseId}`, sk: `WORKFLOW#START#${entry}#${String(eventSeq).padStart(6, '0')}` }),
  auditExportJob: (jobId: string) => ({ pk: `AUDIT_EXPORT#${jobId}`, sk: 'JOB' }),
} as const;
