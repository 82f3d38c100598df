import { createServer } from 'node:http';
import { readConfig } from './config';
import { openConfiguredDatabase } from '../db/open';
import { seedDemoData, demoActors } from '../db/seed';
import { prepareDatabase } from '../db/prepare';
import { mintToken } from '../schema/auth';
import { createApp } from '../schema/yoga';

// Local server: migrate, seed the demo data once, print development tokens, serve /graphql.
const config = readConfig();
const database = await openConfiguredDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, wsProxy: config.wsProxy });
await prepareDatabase(database);
if (!config.production) {
  const { seeded } = await seedDemoData(database.db);
  if (seeded) console.log('已写入演示数据 (demo data seeded)');
}

const app = createApp({ db: database.db, auth: config.auth, production: config.production });
const server = createServer(app);
server.listen(config.port, () => {
  console.log(`信访 GraphQL API: http://localhost:${config.port}/graphql (${database.driver})`);
});

if (!config.production && config.auth.jwtSecret) {
  console.log('\n开发令牌 (development tokens; header "Authorization: Bearer <token>"):');
  for (const actor of await demoActors(database.db)) {
    console.log(`  ${actor.username.padEnd(17)} ${actor.roles.join(',').padEnd(14)} ${await mintToken(config.auth.jwtSecret, actor)}`);
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close();
    void database.close().then(() => process.exit(0));
  });
}
