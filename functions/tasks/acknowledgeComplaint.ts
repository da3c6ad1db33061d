/** Workflow task: acknowledge a new complaint and email the complainant (state `AcknowledgeComplaint`). */
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { acknowledgeComplaint } from '../domain/acknowledgement';
import { getCaseStore } from '../platform/clients';
import { readConfig } from '../platform/config';
import { sesEmailSender } from '../platform/email';
import { workflowTask } from '../platform/workflowTask';

const inputSchema = z.object({ caseId: z.string().check(z.minLength(1)) });

export const handler = workflowTask('acknowledgeComplaint', inputSchema, async (input, context: Context) =>
  acknowledgeComplaint(input.caseId, context.awsRequestId, {
    store: getCaseStore(),
    email: sesEmailSender,
    now: () => new Date(),
    publicBaseUrl: readConfig().publicBaseUrl,
  }),
);

