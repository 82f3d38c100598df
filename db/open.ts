import { openDatabase, type DatabaseConfig, type DatabaseHandle } from './client';
import { isLoopbackHost, startWsProxy } from './ws-proxy';

/**
 * Opens the configured database. A plain PostgreSQL server on this machine (DATABASE_URL on loopback,
 * no DATABASE_WS_PROXY) is reached through an in-process WebSocket proxy, so development, tests and
 * production all use the same Neon driver path.
 */
export async function openConfiguredDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (!config.databaseUrl || config.wsProxy) return openDatabase(config);
  const host = new URL(config.databaseUrl).hostname;
  if (!isLoopbackHost(host)) return openDatabase(config);
  const proxy = await startWsProxy({ port: 0 });
  const handle = await openDatabase({ ...config, wsProxy: proxy.url });
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await proxy.close();
    },
  };
}
