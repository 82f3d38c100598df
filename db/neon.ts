/**
 * The production database driver: `@neondatabase/serverless`'s Pool, which speaks
 * the Postgres protocol over WebSockets (used through `drizzle-orm/neon-serverless`).
 *
 * On Neon, the defaults apply: secure WebSockets to the endpoint's own proxy.
 * Against a plain PostgreSQL server (local development, CI), pass the `host:port`
 * of a WebSocket→TCP proxy (db/ws-proxy.ts) as `wsProxy`; then:
 *   - `useSecureWebSocket = false`: the local proxy speaks ws://, not wss://;
 *   - `pipelineTLS = false`: no TLS inside the tunnel (none is negotiated locally);
 *   - `pipelineConnect = false`: the default ("password") sends the password message
 *     before the server asks for one, which a server with trust (or SCRAM) auth
 *     rejects with "invalid frontend message type 112".
 *
 * neonConfig is process-wide: the settings of the latest call apply to every pool
 * opened after it. A process uses one kind of database, so that is enough here.
 */
import { Pool, neonConfig } from '@neondatabase/serverless';
import ws from 'ws';

export interface NeonPoolOptions {
  /** `host:port` of a WebSocket→TCP proxy, for a database that is not on Neon. */
  wsProxy?: string;
}

export function createNeonPool(connectionString: string, opts: NeonPoolOptions = {}): Pool {
  // Node 20 has no global WebSocket (Node 22's is fine too, but `ws` is the tested one).
  neonConfig.webSocketConstructor = ws;
  if (opts.wsProxy) {
    neonConfig.wsProxy = opts.wsProxy;
    neonConfig.useSecureWebSocket = false;
    neonConfig.pipelineTLS = false;
    neonConfig.pipelineConnect = false;
  }
  return new Pool({ connectionString });
}
