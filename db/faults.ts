/**
 * What a database failure means for the caller, decided from the error alone (no driver types needed):
 * the database is unreachable or overloaded (retry later), the value cannot be stored (the caller's input),
 * or something else (our fault). Also a description of a failure that is safe to log (loggableFailure): drizzle's
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
  /** The error's class (`DrizzleQueryError`, `TypeError`, …). */
  error: string;
  sqlState?: string;
  /** A network failure's code (`ECONNRESET`), or which connection failure the driver reported. */
  reason?: string;
  /** The statement text with `$n` placeholders, never the values. */
  query?: string;
  constraint?: string;
  table?: string;
  column?: string;
  /** Only the `at …` frames: a message can span lines (drizzle's second line is `params: …`), so a stack minus its first line can still hold them. */
  stack?: string;
}

const MAX_QUERY_CHARS = 400;
const MAX_FRAMES = 12;

/**
 * A failure described without any value the caller sent or the database holds: no message (ours can quote input,
 * drizzle's holds the parameters, PostgreSQL's and its `detail` quote the row), no `params`, nothing from `cause`
 * but the SQLSTATE and the names of the constraint, table and column.
 */
export function loggableFailure(error: unknown): LoggableFailure {
  const links = chain(error);
  const top = (links[0] ?? {}) as { name?: unknown; message?: unknown; stack?: unknown };
  const failure: LoggableFailure = { error: typeof top.name === 'string' ? top.name : typeof error };
  const state = sqlStateOf(error);
  if (state) failure.sqlState = state;
  const network = links.map((link) => (link as { code?: unknown }).code).find((code) => typeof code === 'string' && NETWORK_CODES.has(code));
  const connection = links
    .filter((link) => !('params' in (link as object))) // drizzle's wrapper: its message is the statement and its values
    .map((link) => (link as { message?: unknown }).message)
    .map((message) => (typeof message === 'string' ? CONNECTION_MESSAGES.map((pattern) => pattern.exec(message)?.[0]).find(Boolean) : undefined))
    .find(Boolean);
  // The pattern's own words, lower-cased: fixed text, whatever else the driver's message said.
  const reason = (network as string | undefined) ?? connection?.toLowerCase();
  if (reason) failure.reason = reason;
  const query = links.map((link) => (link as { query?: unknown }).query).find((q) => typeof q === 'string') as string | undefined;
  if (query) failure.query = query.length > MAX_QUERY_CHARS ? `${query.slice(0, MAX_QUERY_CHARS)}…` : query;
  const database = links.find((link) => typeof (link as { code?: unknown }).code === 'string' && SQLSTATE.test((link as { code: string }).code)) as
    | { constraint?: unknown; table?: unknown; column?: unknown }
    | undefined;
  for (const key of ['constraint', 'table', 'column'] as const) {
    const value = database?.[key];
    if (typeof value === 'string' && value) failure[key] = value;
  }
  if (typeof top.stack === 'string') {
    // The stack starts with `name: message`; cut the message off first, so no line of it can pass for a frame.
    const at = typeof top.message === 'string' && top.message ? top.stack.indexOf(top.message) : -1;
    const frames = (at >= 0 ? top.stack.slice(at + (top.message as string).length) : top.stack)
      .split('\n').filter((line) => /^\s+at /.test(line)).slice(0, MAX_FRAMES);
    if (frames.length) failure.stack = frames.join('\n');
  }
  return failure;
}

/** loggableFailure in one short line (no stack), for the defaults of db/ code that has no logger injected. */
export function failureSummary(error: unknown): string {
  const { stack: _stack, query: _query, ...fields } = loggableFailure(error);
  return Object.entries(fields).map(([key, value]) => (key === 'error' ? value : `${key}=${value}`)).join(' ');
}
