/**
 * The case store's single-table design, as data. Both the CDK stack
 * (`infra/constructs/caseStore.ts`) and the local runtime create the table
 * from this one description. Access patterns: docs/DATA_MODEL.md.
 */
export const caseTableDesign = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'expiresAt',
  /**
   * The table's change stream carries every write to the functions that react to it (catalog
   * entries with `tableStream`): new cases start their lifecycle from it, so a case can never be
   * stored without its workflow being started. New images only: consumers need the item as written.
   */
  stream: 'NEW_IMAGE',
  globalSecondaryIndexes: [
    /** Cases of an estate by received time: gsi1pk = ESTATE#<estateId>, gsi1sk = <receivedAt>#<caseId>. */
    { indexName: 'byEstateReceived', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    /** Cases of an estate by status: gsi2pk = ESTATE#<estateId>#STATUS#<status>, gsi2sk = <receivedAt>#<caseId>. */
    { indexName: 'byEstateStatus', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    /** Cases by complainant contact (history, erasure): gsi3pk = CONTACT#<sha256(email)>, gsi3sk = <receivedAt>#<caseId>. */
    { indexName: 'byContact', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
    /** Cases by assignee (sparse: assigned cases only): gsi4pk = ASSIGNEE#<userId>, gsi4sk = <receivedAt>#<caseId>. */
    { indexName: 'byAssignee', partitionKey: 'gsi4pk', sortKey: 'gsi4sk' },
    /** Group-wide listing, newest first, one partition per month of receipt: gsi5pk = MONTH#<yyyy-mm>, gsi5sk = <receivedAt>#<caseId>. */
    { indexName: 'byMonthReceived', partitionKey: 'gsi5pk', sortKey: 'gsi5sk' },
    /** Open (not closed) cases group-wide, by month of receipt (sparse; overdue across estates): gsi6pk = OPEN#<yyyy-mm>, gsi6sk = <receivedAt>#<caseId>. */
    { indexName: 'byOpenMonth', partitionKey: 'gsi6pk', sortKey: 'gsi6sk' },
    /** Audit events of an estate by time (compliance export, verification): gsi7pk = AUDIT#<estateId>#<yyyy-mm>, gsi7sk = <at>#<caseId>#<seq>. */
    { indexName: 'byEstateEventTime', partitionKey: 'gsi7pk', sortKey: 'gsi7sk' },
    /**
     * Emails the outbox sweep owes something, by when (sparse: queued emails and emails being sent, until sent or
     * handed to a person): gsi8pk = OUTBOX, gsi8sk = <dueAt>#<caseId>#<notificationKey>.
     */
    { indexName: 'byOutboxDue', partitionKey: 'gsi8pk', sortKey: 'gsi8sk' },
    /** Staff search by reference (cases, not tombstones): gsi9pk = REFERENCE#<reference>, gsi9sk = <receivedAt>#<caseId>. */
    { indexName: 'byReference', partitionKey: 'gsi9pk', sortKey: 'gsi9sk' },
    /** Staff search by unit (sparse; until erased): gsi10pk = UNIT#<HMAC(estate, normalised unit)>, gsi10sk = <receivedAt>#<caseId>. */
    { indexName: 'byUnit', partitionKey: 'gsi10pk', sortKey: 'gsi10sk' },
    /** Staff search by phone (sparse; until erased): gsi11pk = PHONE#<HMAC(normalised number)>, gsi11sk = <receivedAt>#<caseId>. */
    { indexName: 'byPhone', partitionKey: 'gsi11pk', sortKey: 'gsi11sk' },
  ],
} as const;

export type CaseTableDesign = typeof caseTableDesign;

/**
 * The `onInsert` value of an item whose insertion starts a lifecycle execution (a new case, a
 * stage-2 request): the filter of the stream consumer `startCaseLifecycles` (infra/catalog.ts).
 */
export const START_LIFECYCLE_ON_INSERT = 'start-lifecycle';
