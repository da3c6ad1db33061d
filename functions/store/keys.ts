/** Key shapes of the single table (see tableDesign.ts and docs/DATA_MODEL.md). */
export const keys = {
  estateCatalogue: () => ({ pk: 'GROUP' }),
  estate: (estateId: string) => ({ pk: 'GROUP', sk: `ESTATE#${estateId}` }),
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
