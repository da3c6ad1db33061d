/**
 * Structured JSON logs: one line per entry on stdout, which CloudWatch Logs
 * keeps as is. Log ids and outcomes, never personal data: no names, contacts
 * or complaint text.
 *
 * Why not Powertools' Logger: it added 20 KiB to every Lambda bundle, a fifth
 * of the 30% size budget each handler has over a DynamoDB-only baseline
 * (docs/BENCHMARKS.md), and we use none of what it adds beyond this (no
 * sampling, no context injection, no child loggers). The line format is the
 * one Powertools writes (`level`, `message`, `timestamp`, `service`, then the
 * entry's own keys; errors as `{ name, message, stack }`), so log queries
 * written for it still work.
 *
 * `LOG_LEVEL` (DEBUG, INFO, WARN, ERROR, SILENT; default INFO) and
 * `SERVICE_NAME` are read when the module loads; `setLogLevel` changes the
 * level later (tests).
 */

const LEVELS = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, SILENT: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

function levelFrom(value: string | undefined): LogLevel {
  const upper = (value ?? '').toUpperCase();
  return upper in LEVELS ? (upper as LogLevel) : 'INFO';
}

/** Errors become plain objects (JSON.stringify would write `{}`); their cause is kept, one level deep. */
function serialise(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const cause = (value as { cause?: unknown }).cause;
  return { name: value.name, message: value.message, stack: value.stack, ...(cause instanceof Error ? { cause: { name: cause.name, message: cause.message } } : {}) };
}

export class JsonLogger {
  private level: LogLevel;
  private persistentKeys: Record<string, unknown> = {};

  constructor(
    private readonly service: string,
    level: string | undefined,
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
  ) {
    this.level = levelFrom(level);
  }

  setLogLevel(level: LogLevel): void {
    this.level = level;
  }

  /** Keys added to every later entry (until removed): e.g. the request id of a streaming response. */
  appendKeys(keys: Record<string, unknown>): void {
    this.persistentKeys = { ...this.persistentKeys, ...keys };
  }

  removeKeys(names: string[]): void {
    this.persistentKeys = Object.fromEntries(Object.entries(this.persistentKeys).filter(([name]) => !names.includes(name)));
  }

  debug(message: string, extra: Record<string, unknown> = {}): void {
    this.log('DEBUG', message, extra);
  }

  info(message: string, extra: Record<string, unknown> = {}): void {
    this.log('INFO', message, extra);
  }

  warn(message: string, extra: Record<string, unknown> = {}): void {
    this.log('WARN', message, extra);
  }

  error(message: string, extra: Record<string, unknown> = {}): void {
    this.log('ERROR', message, extra);
  }

  private log(level: Exclude<LogLevel, 'SILENT'>, message: string, extra: Record<string, unknown>): void {
    if (LEVELS[level] < LEVELS[this.level]) return;
    const entry: Record<string, unknown> = { level, message, timestamp: new Date().toISOString(), service: this.service, ...this.persistentKeys };
    for (const [key, value] of Object.entries(extra)) entry[key] = serialise(value);
    this.write(`${JSON.stringify(entry)}\n`);
  }
}

export const logger = new JsonLogger(process.env.SERVICE_NAME ?? 'complaint-platform', process.env.LOG_LEVEL);
