/**
 * Every case of one estate that matches the filters, newest first, through the case listing's estate partition
 * (never a Scan), up to a bound: the estate-wide lists (letters to send, the duty log, the notice page) read it.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ComplaintCase } from '../domain/complaintCase';
import { type CaseListFilters, earliestCaseMonth, type ListPosition, listCases } from './caseListing';

/** At most this many cases per list (pages of 100): an estate with more than this in one list has a bigger problem. */
export const MAX_ESTATE_CASES = 1000;

export async function casesOfEstate(client: DynamoDBDocumentClient, tableName: string, estateId: string, filters: CaseListFilters, now: string, max = MAX_ESTATE_CASES): Promise<ComplaintCase[]> {
  const found: ComplaintCase[] = [];
  let position: ListPosition | undefined;
  do {
    const page = await listCases(client, tableName, {
      scope: [estateId],
      filters: { ...filters, estateId },
      now,
      limit: 100,
      earliestMonth: earliestCaseMonth(),
      ...(position ? { position } : {}),
    });
    found.push(...page.cases);
    position = page.next;
  } while (position && found.length < max);
  return found;
}
