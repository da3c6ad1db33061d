/**
 * The case store's single-table design, as data. Both the CDK stack
 * (`infra/constructs/caseStore.ts`) and the local runtime create the table
 * from this one description. Access patterns: docs/DATA_MODEL.md.
 */
export const caseTableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  globalSecondaryIndexes: [
    /** Cases of an estate by received time: gsi1pk = ESTATE#<estateId>, gsi1sk = <receivedAt>#<caseId>. */
    { indexName: 'byEstateReceived', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Cases of an estate by status: gsi2pk = ESTATE#<estateId>#STATUS#<status>, gsi2sk = <receivedAt>#<caseId>. */
    { indexName: 'byEstateStatus', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** Cases by complainant contact (history, erasure): gsi3pk = CONTACT#<sha256(email)>, gsi3sk = <receivedAt>#<caseId>. */
    { indexName: 'byContact', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
} as const;

export type CaseTableDesign = typeof caseTableDesign;
