import { describe, expect, it } from 'vitest';
import { currentWindow, DEFAULT_INTAKE_LIMITS, intakeRateLimits } from '../../../functions/domain/rateLimit';

describe('fixed windows', () => {
  it('start on a multiple of the window and say how long is left', () => {
    expect(currentWindow(Date.UTC(2026, 0, 1, 0, 0, 30), 60)).toEqual({ start: Date.UTC(2026, 0, 1) / 1000, secondsLeft: 30 });
    expect(currentWindow(Date.UTC(2026, 0, 1, 0, 0, 59, 500), 60).secondsLeft).toBe(1);
    expect(currentWindow(Date.UTC(2026, 0, 1, 0, 1, 0), 60)).toEqual({ start: Date.UTC(2026, 0, 1, 0, 1) / 1000, secondsLeft: 60 });
  });
});

describe('intake limits', () => {
  it('default to 10 a minute per address and 60 a minute per estate', () => {
    expect(DEFAULT_INTAKE_LIMITS).toEqual({ perIpPerWindow: 10, perEstatePerWindow: 60, windowSeconds: 60 });
    expect(intakeRateLimits({})).toEqual({
      perIp: { scope: 'intake-ip', limit: 10, windowSeconds: 60 },
      perEstate: { scope: 'intake-estate', limit: 60, windowSeconds: 60 },
    });
  });

  it('are raised through the environment (the bench does)', () => {
    expect(intakeRateLimits({ INTAKE_LIMIT_PER_IP: '5000', INTAKE_LIMIT_PER_ESTATE: '9000', INTAKE_LIMIT_WINDOW_SECONDS: '10' })).toEqual({
      perIp: { scope: 'intake-ip', limit: 5000, windowSeconds: 10 },
      perEstate: { scope: 'intake-estate', limit: 9000, windowSeconds: 10 },
    });
  });

  it.each(['0', '-1', '1.5', 'lots'])('refuse a setting of %s', (value) => {
    expect(() => intakeRateLimits({ INTAKE_LIMIT_PER_IP: value })).toThrow(/INTAKE_LIMIT_PER_IP/);
  });
});
