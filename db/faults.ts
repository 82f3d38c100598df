/**
 * What a database failure means for the caller, decided from the error alone (no driver types needed):
 * the database is unreachable or overloaded (retry later), the value cannot be stored (the caller's input),
 * or something else (our fault). Also a description of a failure that is safe to log: drizzle's
 * `DrizzleQueryError` message carries the bound parameters (identity numbers, mobiles), and PostgreSQL's
 * messages and details quote values, so neither is ever logged.
 */

/** The errors of one failure, outermost first (drizzle wraps the driver's error in `cause`). */
function chain(error: unknown): unknown[] {
  const seen: unknown[] = [];
  for (let current = error; current && typeof current === 'object' && seen.length < 8; current = (current as { cause?: unknown }).cause) {
    if (seen.includes(current)) break;
    seen.push(current);
  }
  return seen;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** The PostgreSQL SQLSTATE of a failure, if the server answered with one. */
export function sqlStateOf(error: unknown): string | undefined {
  for (const link of chain(error)) {
    const code = (link as { code?: unknown }).code;
    if (typeof code === 'string' && SQLSTATE.test(code)) return code;
  }
  return undefined;
}

// Socket-level failures (Node's net/ws) and the pool's own timeouts: the database is out of reach.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const CONNECTION_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /query read timeout/i,
  /not queryable/i,
  /websocket/i,
  /socket hang up/i,
  /connection (?:refused|reset|closed)/i,
  /econnrefused|econnreset/i,
];

/**
 * The database could not be reached or could not serve the request now, and the same request may succeed later:
 * no connection, a connection lost mid-request, a statement that ran past the statement timeout, the server
 * shutting down or out of connections, a serialization failure or deadlock.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const state = sqlStateOf(error);
  if (state) {
    return (
      state.startsWith('08') || // connection exception
      state.startsWith('53') || // insufficient resources (too many connections, out of memory/disk)
      state.startsWith('57') || // operator intervention: statement timeout (57014), shutdown (57P01–57P03)
      state === '40001' || // serialization failure
      state === '40P01' // deadlock
    );
  }
  return chain(error).some((link) => {
    const code = (link as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return true;
    const message = (link as { message?: unknown }).message;
    return typeof message === 'string' && CONNECTION_MESSAGES.some((pattern) => pattern.test(message));
  });
}

/**
 * PostgreSQL refused a value (class 22, data exception): a date out of its range, a NUL in text, a number too large
 * for its column. Input validation should refuse these first, naming the field; this is the net under it.
 */
export function isDataException(error: unknown): boolean {
  return sqlStateOf(error)?.startsWith('22') ?? false;
}

export interface LoggableFailure {
  name: string;
  /** Our message, or for a failed statement only "failed query" (drizzle's message holds the parameters). */
  message: string;
  sqlState?: string;
  /** The statement text with `$n` placeholders, never the values. */
  query?: string;
  constraint?: string;
  table?: string;
  column?: string;
  /** Stack frames without the first line (which repeats the message). */
  stack?: string;
}

/** A failure described without any value the caller sent or the database holds. */
export function loggableFailure(error: unknown): LoggableFailure {
  const links = chain(error);
  const top = (links[0] ?? {}) as { name?: string; message?: string; stack?: string; query?: unknown };
  const failure: LoggableFailure = { name: top.name ?? typeof error, message: 'unknown failure' };
  const database = links.find((link) => typeof (link as { code?: unknown }).code === 'string') as
    | { code?: string; constraint?: string; table?: string; column?: string }
    | undefined;
  const query = links.map((link) => (link as { query?: unknown }).query).find((q) => typeof q === 'string') as string | undefined;
  if (query !== undefined || database?.code && SQLSTATE.test(database.code)) {
    failure.message = 'failed query';
    if (query) failure.query = query;
    failure.sqlState = sqlStateOf(error);
    if (database?.constraint) failure.constraint = database.constraint;
    if (database?.table) failure.table = database.table;
    if (database?.column) failure.column = database.column;
  } else if (typeof top.message === 'string') {
    failure.message = top.message;
  }
  if (typeof top.stack === 'string') failure.stack = top.stack.split('\n').slice(1).join('\n');
  return failure;
}
