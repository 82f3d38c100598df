/** Accounts on the one stream mechanism (db/streams/runner.ts): every administrator's change is one event. */
import { accounts } from '../tables/accounts.sql';
import { defineStream } from '../streams/runner';
import { accountLifecycle } from './lifecycle';

export const accountStream = defineStream({
  type: 'ACCOUNT',
  table: accounts,
  lifecycle: accountLifecycle,
  // The subtree rule needs the account's unit path, which the row does not carry: the service checks it
  // (assertAdministers) before the action and again for a new unit inside it.
  canRead: (session) => session.actor?.roles.includes('ADMIN') ?? false,
  loadFacts: async () => undefined,
});
