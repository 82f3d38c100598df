import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RuntimeConfig } from './config';
import { databaseReports, runtimeLogger } from './log';
import { failureFields, type Logger } from '../schema/logger';
import { DEV_TOKEN_PATH, devTokenFor, devTokenHandler, type DevToken } from './dev-tokens';
import { openConfiguredDatabase } from '../db/open';
import { prepareDatabase } from '../db/prepare';
import { demoAccounts, seedDemoData } from '../db/seed';
import { createApp } from '../schema/yoga';
import { EventWaker } from '../db/events/waker';
import { WebhookDispatcher } from '../db/webhooks/dispatcher';

export interface LocalServer {
  url: string;
  driver: 'pglite' | 'neon';
  /** Demo accounts' development tokens (none in production). */
  tokens: DevToken[];
  seeded: boolean;
  /** Stops accepting requests, ends open ones, closes the database and frees its data directory. */
  close(): Promise<void>;
}

/** How long open requests (an SSE subscription never ends by itself) may finish before being cut. */
const DRAIN_MS = 3000;

/** The local server: migrate, seed the demo data once, mint development tokens, serve /graphql. */
export async function startLocalServer(config: RuntimeConfig, logger: Logger = runtimeLogger(config)): Promise<LocalServer> {
  const reports = databaseReports(logger);
  const database = await openConfiguredDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    wsProxy: config.wsProxy,
    timeouts: config.databaseTimeouts,
    purpose: 'server',
    onIdleError: reports.onIdleError,
  });
  let server: Server | undefined;
  let stopDelivery = async () => {};
  try {
    await prepareDatabase(database);
    const { seeded } = config.production ? { seeded: false } : await seedDemoData(database.db);
    // Flush what migrating and seeding wrote now, so that Ctrl-C does not wait for it: an embedded
    // database writes every dirty page at close, which under load took longer than a user waits.
    if (database.driver === 'pglite') await database.db.execute('checkpoint');

    // One NOTIFY listener for the process: it wakes every subscription and the webhook dispatcher.
    const waker = await EventWaker.listen(database);
    const dispatcher = config.delivery.dispatcher
      ? new WebhookDispatcher({ db: database.db, send: { allowedRanges: config.delivery.webhookAllowedRanges }, onRoundError: reports.onRoundError })
      : undefined;
    dispatcher?.start(waker, config.delivery.catchUpMs);
    stopDelivery = async () => {
      await dispatcher?.stop();
      await waker.close();
    };
    // GraphiQL's ~9 MB of inline assets only where it is served: loaded eagerly they held ~34 MB of the
    // production server's heap (the module's source, as a two-byte string, and its string constants).
    const renderGraphiQL = config.production ? undefined : (await import('./graphiql')).renderLocalGraphiQL;
    const app = createApp({
      db: database.db,
      auth: config.auth,
      production: config.production,
      rateLimits: config.rateLimits,
      rateLease: config.rateLease,
      corsOrigins: config.corsOrigins,
      logging: logger,
      renderGraphiQL,
      delivery: { waker, catchUpMs: config.delivery.catchUpMs, keepAliveMs: config.delivery.keepAliveMs },
      webhooks: { allowedRanges: config.delivery.webhookAllowedRanges },
    });
    const controlKey = randomBytes(24).toString('base64url');
    const devTokens = !config.production && config.auth.jwtSecret && database.lock ? devTokenHandler(database.db, config.auth.jwtSecret, controlKey) : undefined;
    server = createServer((request, response) => {
      if (devTokens && request.url === DEV_TOKEN_PATH) {
        devTokens(request, response).catch((error: unknown) => {
          logger.log('error', 'dev token request failed', failureFields(error));
          if (!response.headersSent) response.writeHead(500).end();
        });
        return;
      }
      void app(request, response);
    });
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(config.port, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    database.lock?.update({ url: `http://127.0.0.1:${port}`, controlKey });

    const tokens: DevToken[] = [];
    if (!config.production && config.auth.jwtSecret) {
      for (const { username } of demoAccounts) {
        const minted = await devTokenFor(database.db, config.auth.jwtSecret, username);
        if (minted) tokens.push(minted);
      }
    }

    let closing: Promise<void> | undefined;
    const running = server;
    return {
      url: `http://localhost:${port}/graphql`,
      driver: database.driver,
      tokens,
      seeded,
      close: () =>
        (closing ??= (async () => {
          await new Promise<void>((resolve) => {
            running.close(() => resolve());
            running.closeIdleConnections();
            setTimeout(() => running.closeAllConnections(), DRAIN_MS).unref();
          });
          await stopDelivery();
          await database.close();
        })()),
    };
  } catch (error) {
    server?.close();
    await stopDelivery();
    await database.close();
    throw error;
  }
}

/** The start-up lines: one per token (account, roles, token), the URL last where the eye lands. */
export function startupLines(started: LocalServer, seconds: number): string[] {
  const lines: string[] = [];
  if (started.seeded) lines.push('已写入演示数据 (demo data seeded)');
  if (started.tokens.length) {
    lines.push('', '开发令牌，在 GraphiQL 的 Headers 中填 {"Authorization": "Bearer <令牌>"}（development tokens; header "Authorization: Bearer <token>"）:');
    for (const t of started.tokens) lines.push(`  ${t.username.padEnd(17)} ${t.roles.join(',').padEnd(14)} ${t.token}`);
    lines.push('  更多令牌 (another token): npm run token -- <username>', '');
  }
  lines.push(`信访 GraphQL API (${started.driver}, ${seconds.toFixed(1)} s): ${started.url}`);
  return lines;
}
