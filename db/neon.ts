/**
 * The production database driver: `@neondatabase/serverless`'s Pool, which speaks
 * the Postgres protocol over WebSockets (used through `drizzle-orm/neon-serverless`).
 *
 * On Neon, the defaults apply: secure WebSockets to the endpoint's own proxy.
 * Against a plain PostgreSQL server (local development, CI), pass the `host:port`
 * of a WebSocket→TCP proxy (db/ws-proxy.ts) as `wsProxy`; that pool's connections
 * then use:
 *   - `useSecureWebSocket = false`: the local proxy speaks ws://, not wss://;
 *   - `pipelineTLS = false`: no TLS inside the tunnel (none is negotiated locally);
 *   - `pipelineConnect = false`: the default ("password") sends the password message
 *     before the server asks for one, which a server with trust (or SCRAM) auth
 *     rejects with "invalid frontend message type 112".
 *
 * The proxy settings are applied per connection (each client's own socket config),
 * not to the process-wide `neonConfig`: pools with different proxies, or a proxied
 * pool beside a real Neon one, can live in one process (vitest runs several test
 * files per worker with `isolate: false`) without one redirecting the other.
 * Only `webSocketConstructor = ws` is set globally: Node 20 has no global WebSocket.
 */
import { Client, Pool, neonConfig, type ClientConfig } from '@neondatabase/serverless';
import ws from 'ws';
import { failureSummary } from './faults';

/**
 * How long the driver waits before it calls the database unreachable. Without them a request hangs for as long as
 * the network swallows its bytes (a "blackhole": no reset, no answer) and a stuck statement holds its connection.
 * 0 turns one off (the deploy step's migrations may run long).
 */
export interface DatabaseTimeouts {
  /** Opening a connection (WebSocket, startup, authentication); also the wait for a free pooled connection. */
  connectMs: number;
  /** PostgreSQL's `statement_timeout`: the server cancels a statement running longer (SQLSTATE 57014). */
  statementMs: number;
  /**
   * Ours, client side: a statement with no answer after this long abandons its connection (closed at once, every
   * statement on it fails as "connection terminated"). Above `statementMs`, so it fires only when the server
   * cannot answer at all.
   */
  queryMs: number;
  /** PostgreSQL's `idle_in_transaction_session_timeout`: a transaction whose client vanished frees its locks. */
  idleInTransactionMs: number;
}

/**
 * Production defaults: a suspended Neon compute wakes within a few seconds, so 5 s to connect; 10 s for one
 * statement (a request's statements are meant to take milliseconds); 12 s before a silent connection is given up.
 * Tests configure a fraction of these.
 */
export const defaultDatabaseTimeouts: DatabaseTimeouts = { connectMs: 5000, statementMs: 10_000, queryMs: 12_000, idleInTransactionMs: 20_000 };

export interface NeonPoolOptions {
  /** `host:port` of a WebSocket→TCP proxy, for a database that is not on Neon. */
  wsProxy?: string;
  timeouts?: Partial<DatabaseTimeouts>;
  /**
   * An idle pooled connection failed (the server restarted, the network dropped it). The pool has already
   * discarded it and the next request opens a new one; without a listener Node would end the process.
   */
  onIdleError?: (error: Error) => void;
}

export function createNeonPool(connectionString: string, opts: NeonPoolOptions = {}): Pool {
  neonConfig.webSocketConstructor = ws;
  const timeouts = { ...defaultDatabaseTimeouts, ...opts.timeouts };
  const pool = new Pool({
    connectionString,
    connectionTimeoutMillis: timeouts.connectMs || undefined,
    // Sent as startup parameters. A pooler in between that refuses them: set them on the role instead
    // (ALTER ROLE … SET statement_timeout = …) and configure 0 here.
    ...(timeouts.statementMs ? { statement_timeout: timeouts.statementMs } : {}),
    ...(timeouts.idleInTransactionMs ? { idle_in_transaction_session_timeout: timeouts.idleInTransactionMs } : {}),
  });
  pool.Client = resilientClient(timeouts.queryMs, opts.wsProxy);
  pool.on('error', (error: Error) => (opts.onIdleError ?? logIdleError)(error));
  return pool;
}

function logIdleError(error: Error): void {
  // Only without a logger injected (scripts): the entry points pass theirs (functions/config.ts).
  console.warn(`database: an idle connection failed and was discarded (${failureSummary(error)})`);
}

type QueryCallback = (error: Error | null, result?: unknown) => void;

/**
 * A Client class that never ends the process, never waits forever and never leaks from the pool:
 * - it listens to its own `error` event. A connection that fails while checked out (in a transaction) emits it
 *   with nobody listening, which would crash the process; its statements fail with the error anyway, and the
 *   client goes back to the pool, which discards it.
 * - a statement unanswered after `queryMs` closes the connection (see DatabaseTimeouts.queryMs). pg's own
 *   `query_timeout` is not used: it fails the statement but leaves the connection waiting for the lost answer,
 *   and a transaction would hand that connection back to the pool.
 * - with `wsProxy`, its connections go through that proxy whatever neonConfig says.
 */
function resilientClient(queryMs: number, wsProxy: string | undefined): typeof Client {
  return class ResilientClient extends Client {
    /** The pool's release function while the client is checked out (pg-pool assigns `client.release`). */
    private poolRelease?: (error?: Error | boolean) => void;

    // pg-pool sets `release` on each checkout; the accessor makes a second call harmless, so the client can hand
    // itself back when its connection fails. drizzle's transaction sends BEGIN outside its try/finally: a BEGIN
    // that failed on a dead connection never released it, and a few such leaks exhaust the pool for good.
    get release(): (error?: Error | boolean) => void {
      return (error) => {
        const release = this.poolRelease;
        this.poolRelease = undefined;
        release?.(error);
      };
    }
    set release(release: (error?: Error | boolean) => void) {
      this.poolRelease = release;
    }

    constructor(config?: string | ClientConfig) {
      super(config);
      // Checked out, the pool discards it at once (it is no longer queryable); idle, the pool's own listener does.
      this.on('error', (error: Error) => this.release(error));
      if (wsProxy) {
        // `neonConfig` on a client is its own socket's settings (they shadow the globals).
        const socket = this.neonConfig;
        socket.webSocketConstructor = ws;
        socket.wsProxy = wsProxy;
        socket.useSecureWebSocket = false;
        socket.pipelineTLS = false;
        socket.pipelineConnect = false;
      }
    }

    // pg's overloads: (text | config, values?, callback?) with a callback, or a promise without one.
    override query(config: any, values?: any, callback?: any): any {
      if (!queryMs || typeof config?.submit === 'function') return (super.query as any)(config, values, callback);
      const timer = setTimeout(() => this.abandon(), queryMs);
      const done = () => clearTimeout(timer);
      const wrap = (next: QueryCallback): QueryCallback => (error, result) => {
        done();
        next(error, result);
      };
      if (typeof values === 'function') return (super.query as any)(config, wrap(values));
      if (typeof callback === 'function') return (super.query as any)(config, values, wrap(callback));
      const result = (super.query as any)(config, values) as Promise<unknown>;
      result.then(done, done);
      return result;
    }

    /** Closes the connection now: its statements fail, and the pool discards it (it is no longer queryable). */
    private abandon(): void {
      const stream = (this as unknown as { connection?: { stream?: { ws?: { terminate?: () => void }; destroy(): void } } }).connection?.stream;
      // `terminate` drops the WebSocket at once; a polite close would wait for the silent peer's answer.
      if (stream?.ws?.terminate) stream.ws.terminate();
      else stream?.destroy();
    }
  };
}

/**
 * LISTEN needs a connection of its own (a pooled one goes back to the pool). One dedicated client per listener,
 * reconnected after an error with a short pause; what was notified while it was away is caught up by the
 * listeners' own timers (db/events/waker.ts).
 */
export async function listenThrough(pool: Pool, channel: string, onNotify: () => void): Promise<() => Promise<void>> {
  let client: Client | undefined;
  let stopped = false;
  const quoted = `"${channel.replace(/"/g, '""')}"`;
  const connect = async (first = false): Promise<void> => {
    // The pool's own settings: the connect timeout, the server-side timeouts.
    const next = new pool.Client(pool.options);
    let failed = false;
    const retry = () => {
      // The server went away (or is not back yet): drop this client and try again, for as long as the outage
      // lasts; nothing is lost (the cursor catches up).
      if (failed) return;
      failed = true;
      if (client === next) client = undefined;
      void next.end().catch(() => {});
      if (!stopped) setTimeout(() => void connect().catch(() => {}), 1000).unref();
    };
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    next.on('error', retry);
    try {
      await next.connect();
      await next.query(`LISTEN ${quoted}`);
    } catch (error) {
      if (first) throw error; // at start-up the caller learns why
      retry();
      return;
    }
    if (stopped || failed) await next.end().catch(() => {});
    else {
      client = next;
      onNotify(); // anything committed while (re)connecting
    }
  };
  await connect(true);
  return async () => {
    stopped = true;
    await client?.end().catch(() => {});
    client = undefined;
  };
}
