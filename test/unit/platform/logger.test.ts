import { describe, expect, it } from 'vitest';
import { JsonLogger } from '../../../functions/platform/logger';

function logger(level?: string) {
  const lines: Record<string, unknown>[] = [];
  const log = new JsonLogger('complaint-platform', level, (line) => {
    expect(line.endsWith('\n')).toBe(true);
    lines.push(JSON.parse(line));
  });
  return { log, lines };
}

describe('the JSON logger', () => {
  it("writes one JSON line per entry in Powertools' format, with the entry's keys", () => {
    const { log, lines } = logger('INFO');
    log.info('task completed', { task: 'acknowledgeComplaint', caseId: '01ABC' });
    expect(lines).toEqual([{ level: 'INFO', message: 'task completed', timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), service: 'complaint-platform', task: 'acknowledgeComplaint', caseId: '01ABC' }]);
  });

  it('leaves out entries below its level, and everything when SILENT', () => {
    const info = logger('info');
    info.log.debug('hidden');
    info.log.warn('shown');
    expect(info.lines.map((l) => l.level)).toEqual(['WARN']);
    const silent = logger('SILENT');
    silent.log.error('nothing');
    expect(silent.lines).toEqual([]);
    silent.log.setLogLevel('DEBUG');
    silent.log.debug('now shown');
    expect(silent.lines).toHaveLength(1);
  });

  it('defaults to INFO for a missing or unknown level', () => {
    for (const level of [undefined, 'verbose']) {
      const { log, lines } = logger(level);
      log.debug('hidden');
      log.info('shown');
      expect(lines.map((l) => l.message)).toEqual(['shown']);
    }
  });

  it('writes errors as name, message and stack (and the name and message of their cause)', () => {
    const { log, lines } = logger();
    log.error('request failed', { error: new TypeError('boom', { cause: new RangeError('deeper') }) });
    expect(lines[0]!.error).toEqual({ name: 'TypeError', message: 'boom', stack: expect.stringContaining('TypeError: boom'), cause: { name: 'RangeError', message: 'deeper' } });
  });

  it('adds appended keys to later entries until they are removed', () => {
    const { log, lines } = logger();
    log.appendKeys({ requestId: 'r-1', endpoint: 'auditExport' });
    log.info('streamed');
    log.removeKeys(['requestId', 'endpoint']);
    log.info('after');
    expect(lines[0]).toMatchObject({ requestId: 'r-1', endpoint: 'auditExport' });
    expect(lines[1]).not.toHaveProperty('requestId');
  });
});
