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
} as const;
