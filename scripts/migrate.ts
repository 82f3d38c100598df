// Deploy step: apply migrations and reference data to DATABASE_URL (Lambda never migrates on a request path).
import { readConfig } from '../functions/config';
import { openConfiguredDatabase } from '../db/open';
import { prepareDatabase } from '../db/prepare';

const config = readConfig();
const database = await openConfiguredDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  wsProxy: config.wsProxy,
  // A migration may rewrite a large table: no statement timeout here (the API's own settings are for requests).
  timeouts: { ...config.databaseTimeouts, statementMs: 0, queryMs: 0 },
  purpose: 'migrate',
});
await prepareDatabase(database);
await database.close();
console.log(`migrated (${database.driver})`);
