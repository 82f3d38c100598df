// Prints a development token for an account: `npm run token -- <username> [expiry, e.g. 7d]`.
import { eq } from 'drizzle-orm';
import { readConfig } from '../functions/config';
import { openConfiguredDatabase } from '../db/open';
import { accounts } from '../db/schema';
import { mintToken } from '../schema/auth';

const [username, expiresIn = '30d'] = process.argv.slice(2);
if (!username) {
  console.error('usage: npm run token -- <username> [expiry]');
  process.exit(2);
}
const config = readConfig();
if (!config.auth.jwtSecret) throw new Error('JWT_SECRET is not set (tokens from an OIDC provider are minted there)');
const database = await openConfiguredDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, wsProxy: config.wsProxy });
const [account] = await database.db.select().from(accounts).where(eq(accounts.username, username));
await database.close();
if (!account) {
  console.error(`no account named ${username}`);
  process.exit(1);
}
console.log(
  await mintToken(config.auth.jwtSecret, { accountId: account.id, displayName: account.displayName, roles: account.roles, unitId: account.unitId, petitionerId: account.petitionerId }, expiresIn),
);
