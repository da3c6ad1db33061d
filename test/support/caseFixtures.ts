/** Cases built by the domain's own `openCase`, for unit tests of code that takes a stored case. */
import { type ComplaintSubmission, complaintSubmissionSchema } from '../../functions/domain/complaint';
import { openCase } from '../../functions/domain/complaintCase';

let counter = 0;

export function aStoredCase(options: { receivedAt?: string; estateId?: string; email?: string } = {}) {
  counter += 1;
  const submission: ComplaintSubmission = complaintSubmissionSchema.parse({
    estateId: options.estateId ?? 'EST01',
    unit: 'Block A, 12/F, Flat 3',
    name: 'Chan Tai Man',
    email: options.email ?? `chan.${counter}@example.com`,
    language: 'en',
    description: 'The lift in Block A has been out of service for three days.',
  });
  const now = options.receivedAt ?? '2026-03-02T02:00:00.000Z';
  const caseId = `01J${String(counter).padStart(23, '0')}`;
  return openCase(
    submission,
    { caseId, reference: `EST01-2026-${String(counter).padStart(6, '0')}`, trackingTokenHash: 'a'.repeat(64), personalDataSalt: 'b'.repeat(32) },
    { now, responseDueBy: '2026-03-16T15:59:59.999Z', requestId: `req-${counter}`, actor: { type: 'resident' } },
  );
}
