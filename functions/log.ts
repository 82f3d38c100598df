import type { RuntimeConfig } from './config';
import { createLogger, failureFields, type LogFields, type Logger } from '../schema/logger';

/** The process's log: JSON lines in production, readable lines in development (schema/logger.ts). */
export function runtimeLogger(config: Pick<RuntimeConfig, 'production' | 'logLevel'>): Logger {
  return createLogger({ format: config.production ? 'json' : 'text', level: config.logLevel });
}

/**
 * What db/ reports without a logger of its own (an idle pooled connection lost, a dispatcher round failed),
 * logged through ours: the failure's class and SQLSTATE, never its message (db/faults.ts loggableFailure).
 */
export function databaseReports(logger: Logger) {
  return {
    onIdleError: (error: unknown) => logger.log('warn', 'database: an idle connection failed and was discarded', failureFields(error, false)),
    onRoundError: (error: unknown) => logger.log('error', 'webhook dispatcher round failed', failureFields(error)),
  };
}

/**
 * Logs a scheduled run's failure (safe fields only) and returns what to throw instead: Lambda logs a thrown error
 * whole, and a failed statement's message holds its parameters.
 */
export function failed(logger: Logger, message: string, error: unknown): Error {
  const fields = failureFields(error);
  logger.log('error', message, fields);
  return new Error(`${message}: ${fields.error}${fields.sqlState ? ` (SQLSTATE ${fields.sqlState})` : ''}`);
}

/** `{ suggestions: { warnings: 1 } }` → `{ 'suggestions.warnings': 1 }`: log fields are flat. */
export function flatten(value: object, prefix = ''): LogFields {
  const out: LogFields = {};
  for (const [key, inner] of Object.entries(value)) {
    if (inner && typeof inner === 'object') Object.assign(out, flatten(inner, `${prefix}${key}.`));
    else out[`${prefix}${key}`] = inner as string | number | boolean | null;
  }
  return out;
}
