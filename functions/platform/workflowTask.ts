/**
 * Wraps a Step Functions task handler: validates its input and logs with the
 * case id. Errors propagate by name (e.g. `InvalidTaskInputError`) so the
 * state machine's Retry and Catch can tell transient from permanent failures.
 */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { logger } from './logger';

export class InvalidTaskInputError extends Error {
  override readonly name = 'InvalidTaskInputError';
}

export function workflowTask<S extends z.ZodMiniType, R>(name: string, schema: S, task: (input: z.infer<S>, context: Context) => Promise<R>) {
  return middy<unknown, R>().handler(async (event, context) => {
    const parsed = z.safeParse(schema, event);
    if (!parsed.success) throw new InvalidTaskInputError(`${name}: invalid input: ${parsed.error.issues.map((i) => i.path.join('.') + ' ' + i.message).join('; ')}`);
    // Keys go on each line rather than appendKeys: the local runtime runs many invocations in one process at once.
    const keys = { task: name, caseId: (parsed.data as { caseId?: string }).caseId, requestId: context.awsRequestId };
    try {
      const result = await task(parsed.data, context);
      logger.info('task completed', { ...keys, result: summarise(result) });
      return result;
    } catch (error) {
      logger.warn('task failed', { ...keys, errorName: (error as Error).name, error: error as Error });
      throw error;
    }
  });
}

/** Task results carry ids and statuses only; keep the log line short anyway. */
function summarise(result: unknown): unknown {
  return typeof result === 'object' && result !== null ? Object.fromEntries(Object.entries(result).slice(0, 8)) : result;
}
