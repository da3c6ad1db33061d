/**
 * Structured JSON logs (Powertools). Log ids and outcomes, never personal data:
 * no names, contacts or complaint text.
 */
import { Logger } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: 'complaint-platform' });
