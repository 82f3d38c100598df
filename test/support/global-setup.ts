import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../db/client';
import { startWsProxy } from '../../db/ws-proxy';
import { testSeed } from './seed';

export const SERVER_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * With TEST_DATABASE=postgres every worker creates its own database on the local server, named
 * after this run; teardown drops them all, so runs never see each other's data.
 */
export default async function setup(project: TestProject) {
  const runId = `xf_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  project.provide('testRunId', runId);
  // Generated test data (test/support/seed.ts) comes from this seed: a failing run is made again with it.
  console.log(`generated test data: TEST_SEED=${testSeed()}`);
  if (process.env.TEST_DATABASE !== 'postgres') return;
  return async () => {
    const proxy = await startWsProxy({ port: 0 });
    const admin = await openDatabase({ databaseUrl: SERVER_URL, wsProxy: proxy.url });
    try {
      const { rows } = (await admin.db.execute(
        `select datname from pg_database where datname like '${runId}%'`,
      )) as unknown as { rows: { datname: string }[] };
      for (const { datname } of rows) await admin.db.execute(`drop database if exists "${datname}" with (force)`);
    } finally {
      await admin.close();
      await proxy.close();
    }
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    testRunId: string;
  }
}
