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

export interface NeonPoolOptions {
  /** `host:port` of a WebSocket→TCP proxy, for a database that is not on Neon. */
  wsProxy?: string;
}

export function createNeonPool(connectionString: string, opts: NeonPoolOptions = {}): Pool {
  neonConfig.webSocketConstructor = ws;
  const pool = new Pool({ connectionString });
  if (opts.wsProxy) pool.Client = clientThroughProxy(opts.wsProxy);
  return pool;
}

/** A Client class whose connections go through `wsProxy`, whatever neonConfig says. */
function clientThroughProxy(wsProxy: string): typeof Client {
  return class ProxiedClient extends Client {
    constructor(config?: string | ClientConfig) {
      super(config);
      // `neonConfig` on a client is its own socket's settings (they shadow the globals).
      const socket = this.neonConfig;
      socket.webSocketConstructor = ws;
      socket.wsProxy = wsProxy;
      socket.useSecureWebSocket = false;
      socket.pipelineTLS = false;
      socket.pipelineConnect = false;
    }
  };
}

/**
 * LISTEN needs a connection of its own (a pooled one goes back to the pool). One dedicated client per listener,
 * reconnected after an error with a short pause; what was notified while it was away is caught up by the
 * listeners' own timers (db/events/waker.ts).
 */
export async function listenThrough(pool: Pool, connectionString: string, channel: string, onNotify: () => void): Promise<() => Promise<void>> {
  let client: Client | undefined;
  let stopped = false;
  const quoted = `"${channel.replace(/"/g, '""')}"`;
  const connect = async (): Promise<void> => {
    const next = new pool.Client(connectionString);
    next.on('notification', (message) => {
      if (message.channel === channel) onNotify();
    });
    next.on('error', () => {
      // The server went away: drop this client and try again; nothing is lost (the cursor catches up).
      if (client === next) client = undefined;
      void next.end().catch(() => {});
      if (!stopped) setTimeout(() => void connect().catch(() => {}), 1000).unref();
    });
    await next.connect();
    await next.query(`LISTEN ${quoted}`);
    if (stopped) await next.end();
    else {
      client = next;
      onNotify(); // anything committed while (re)connecting
    }
  };
  await connect();
  return async () => {
    stopped = true;
    await client?.end().catch(() => {});
    client = undefined;
  };
}
