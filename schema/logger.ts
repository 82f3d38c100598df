/**
 * The server's log: one line per thing an operator should see, never personal data. Production writes JSON lines
 * (`{"level","time","requestId","code","path",…}`) for the log service to index; development a short readable line.
 * Callers pass fields that are safe by construction (codes, paths, error classes, SQLSTATEs, stack frames): no
 * message text of a client's input and no SQL parameter ever reaches a logger (see request-log.ts, db/faults.ts).
 */
import { loggableFailure } from '../db/faults';

export const logLevels = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof logLevels)[number];
export type LogFields = Record<string, string | number | boolean | null | undefined>;
/** Where finished lines go; tests inject one to read what the server writes. */
export type LogSink = (line: string, level: LogLevel) => void;

export interface Logger {
  log(level: LogLevel, message: string | undefined, fields?: LogFields): void;
}

export interface LoggerOptions {
  /** `json` in production, `text` in development. */
  format: 'json' | 'text';
  /** Lines below this level are dropped (LOG_LEVEL; default info). */
  level?: LogLevel;
  sink?: LogSink;
}

const consoleSink: LogSink = (line, level) => (level === 'error' || level === 'warn' ? console.error(line) : console.log(line));

export const silentLogger: Logger = { log() {} };

export function createLogger(options: LoggerOptions): Logger {
  const sink = options.sink ?? consoleSink;
  const threshold = logLevels.indexOf(options.level ?? 'info');
  return {
    log(level, message, fields = {}) {
      if (logLevels.indexOf(level) < threshold) return;
      const time = new Date().toISOString();
      const present = Object.entries(fields).filter(([, value]) => value !== undefined);
      if (options.format === 'json') {
        sink(JSON.stringify({ level, time, ...(message ? { msg: message } : {}), ...Object.fromEntries(present) }), level);
        return;
      }
      // Development: `12:00:01.234 info  input/invalid path=registerCase field=input.title req=…`; a stack on the
      // lines below (the only multi-line record, and only for our own faults).
      const get = (key: string) => present.find(([name]) => name === key)?.[1];
      const words = present
        .filter(([key]) => !['code', 'requestId', 'stack'].includes(key))
        .map(([key, value]) => `${key}=${typeof value === 'string' && /[\s"=]/.test(value) ? JSON.stringify(value) : value}`);
      const requestId = get('requestId');
      const line = [time.slice(11, 23), level.padEnd(5), get('code'), message, ...words, requestId ? `req=${requestId}` : undefined].filter(Boolean).join(' ');
      const stack = get('stack');
      sink(typeof stack === 'string' && stack ? `${line}\n${stack}` : line, level);
    },
  };
}

/** LOG_LEVEL: one of the levels, or unset (info); anything else stops the start. */
export function parseLogLevel(text: string | undefined): LogLevel {
  if (!text) return 'info';
  if (!(logLevels as readonly string[]).includes(text)) throw new Error(`LOG_LEVEL must be one of ${logLevels.join(', ')}`);
  return text as LogLevel;
}

/** A failure's safe description as log fields (db/faults.ts loggableFailure); the stack only for our own faults. */
export function failureFields(error: unknown, withStack = true): LogFields {
  const { stack, ...failure } = loggableFailure(error);
  return { ...failure, ...(withStack ? { stack } : {}) };
}
