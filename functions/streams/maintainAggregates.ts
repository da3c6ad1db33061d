/**
 * Case table stream → the pre-aggregated figures of the dashboard, reports and
 * performance monitoring. Each stored version of a case replaces what the case
 * contributed before (functions/domain/insight/aggregatePlan.ts): a redelivered
 * or older record changes nothing, so retries are harmless.
 */
import type { ComplaintCase } from '../domain/complaintCase';
import { countCaseVersion } from '../domain/insight/aggregatePlan';
import { contributionOf } from '../domain/insight/caseContribution';
import { getCaseStore, getDocumentClient } from '../platform/clients';
import { readConfig } from '../platform/config';
import { logger } from '../platform/logger';
import { tableStreamConsumer } from '../platform/tableStream';
import { DynamoAggregateStore } from '../store/aggregateStore';

let aggregates: DynamoAggregateStore | undefined;

export const handler = tableStreamConsumer('maintainAggregates', async ({ item }, context) => {
  const complaintCase = item as unknown as ComplaintCase;
  if (typeof complaintCase.caseId !== 'string' || typeof complaintCase.version !== 'number') throw new Error('a case item without caseId or version');
  const estate = await getCaseStore().getEstate(complaintCase.estateId);
  if (!estate) throw new Error(`case ${complaintCase.caseId} names an unknown estate`);
  aggregates ??= new DynamoAggregateStore(getDocumentClient(), readConfig().tableName);
  const contribution = contributionOf(complaintCase, { estate, reportingTimeZone: (await getCaseStore().groupSettings()).reportingTimeZone });
  const outcome = await countCaseVersion(aggregates, complaintCase.caseId, complaintCase.version, contribution);
  logger.debug('case counted', { consumer: 'maintainAggregates', caseId: complaintCase.caseId, version: complaintCase.version, outcome, requestId: context.awsRequestId });
});
