/**
 * Which SES failures are definite refusals (the outbox may send the email
 * again) and which leave the email in doubt (it may have been accepted).
 */
import { describe, expect, it } from 'vitest';
import { EmailRefusedError } from '../../../functions/domain/notifications/outbox';
import { refusalOf } from '../../../functions/platform/email';

const withStatus = (name: string, status: number) => Object.assign(new Error('SES said no to someone@example.com'), { name, $metadata: { httpStatusCode: status } });
const network = (code: string, message = `connect ${code}`) => Object.assign(new Error(message), { code });

describe('SES failures', () => {
  it.each([
    ['throttled', withStatus('TooManyRequestsException', 429), 'SES refused the message (429): TooManyRequestsException'],
    ['unavailable', withStatus('ServiceUnavailable', 503), 'SES refused the message (503): ServiceUnavailable'],
    ['rejected', withStatus('MessageRejected', 400), 'SES refused the message (400): MessageRejected'],
    ['connection refused', network('ECONNREFUSED'), 'SES could not be reached (ECONNREFUSED)'],
    ['no such host', network('ENOTFOUND'), 'SES could not be reached (ENOTFOUND)'],
    ['no connection in time', Object.assign(new Error('@smithy/node-http-handler - the request socket did not establish a connection with the server within the configured timeout of 3000 ms.'), { name: 'TimeoutError' }), 'SES could not be reached (connection timeout)'],
    ['no connection in time (older wording)', Object.assign(new Error('Socket timed out without establishing a connection within 3000 ms'), { name: 'TimeoutError' }), 'SES could not be reached (connection timeout)'],
  ])('%s is a refusal: safe to send again, and its message names no one', (_what, error, message) => {
    const refusal = refusalOf(error);
    expect(refusal).toBeInstanceOf(EmailRefusedError);
    expect(refusal!.message).toBe(message);
    expect(refusal!.message).not.toContain('@');
  });

  it.each([
    ['no answer in time', Object.assign(new Error('@smithy/node-http-handler - [ERROR] a request has exceeded the configured 10000 ms requestTimeout.'), { name: 'TimeoutError', code: 'ETIMEDOUT' })],
    ['a reset after the request went out', network('ECONNRESET', 'socket hang up')],
    ['a broken pipe', network('EPIPE')],
    ['an answer that could not be read', withStatus('SyntaxError', 200)],
  ])('%s leaves the email in doubt', (_what, error) => {
    expect(refusalOf(error)).toBeUndefined();
  });
});
