import { describe, expect, it } from 'vitest';
import { complaintSubmissionSchema } from '../../../functions/domain/complaint';
import { parseWithFieldErrors } from '../../../functions/domain/validation';

const valid = {
  estateId: 'EST01',
  unit: 'Block A, 12/F, Flat 3',
  name: '陳大文',
  email: 'chan@example.com',
  language: 'zh-Hant',
  description: 'The lift in Block A has been out of service for three days.',
};

const fieldsOf = (input: unknown) => {
  const result = parseWithFieldErrors(complaintSubmissionSchema, input);
  return result.ok ? {} : result.fields;
};

describe('complaint submission', () => {
  it('accepts a complete web submission and defaults the channel to web', () => {
    const result = parseWithFieldErrors(complaintSubmissionSchema, valid);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.channel).toBe('web');
  });

  it('trims surrounding whitespace from single-line fields', () => {
    const result = parseWithFieldErrors(complaintSubmissionSchema, { ...valid, name: '  Chan  ' });
    expect(result.ok && result.value.name).toBe('Chan');
  });

  it.each([
    ['missing name', { ...valid, name: undefined }, 'name', 'is required'],
    ['blank unit', { ...valid, unit: '   ' }, 'unit', 'unit is required'],
    ['name with a bell character', { ...valid, name: 'Chan\u0007' }, 'name', 'name must not contain control characters'],
    ['name with a line break (header injection)', { ...valid, name: 'Chan\r\nBcc: x@y.z' }, 'name', 'name must not contain control characters'],
    ['name with a right-to-left override', { ...valid, name: 'Chan\u202Eevil' }, 'name', 'name must not contain control characters'],
    ['invalid email', { ...valid, email: 'not-an-email' }, 'email', 'email must be a valid email address'],
    ['unknown language', { ...valid, language: 'fr' }, 'language', 'language must be one of zh-Hant, zh-Hans, en'],
    ['number as description', { ...valid, description: 12345678901 }, 'description', 'must be string'],
    ['too-short description', { ...valid, description: 'broken' }, 'description', 'description must be at least 10 characters'],
    ['unknown field', { ...valid, isAdmin: true }, 'isAdmin', 'is not a recognised field'],
    ['claim with three decimals', { ...valid, compensationClaim: { amount: 10.005, currency: 'HKD' } }, 'compensationClaim.amount', 'amount must have at most 2 decimal places'],
    ['negative claim', { ...valid, compensationClaim: { amount: -5, currency: 'HKD' } }, 'compensationClaim.amount', 'amount must be greater than 0'],
    ['claim in an unsupported currency', { ...valid, compensationClaim: { amount: 5, currency: 'USD' } }, 'compensationClaim.currency', 'currency must be one of HKD, CNY, GBP'],
  ])('rejects %s with a message on that field', (_label, input, field, message) => {
    expect(fieldsOf(input)[field]).toBe(message);
  });

  it('requires an email for the web channel but not for a phone complaint logged by staff', () => {
    const { email: _omitted, ...withoutEmail } = valid;
    expect(fieldsOf(withoutEmail).email).toMatch(/email is required for the web channel/);
    expect(parseWithFieldErrors(complaintSubmissionSchema, { ...withoutEmail, channel: 'phone' }).ok).toBe(true);
  });

  it('reports every bad field at once (cross-field rules follow once each field is valid)', () => {
    expect(Object.keys(fieldsOf({ estateId: 'bad id!', language: 'xx' })).sort()).toEqual(['description', 'estateId', 'language', 'name', 'unit']);
  });
});
