import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { testApp } from './support/app';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { registerCase } from './support/cases';
import { runFuzz } from './support/fuzz-run';

/**
 * A bounded, seeded fuzz run through yoga.fetch: generated requests for every query and mutation of the schema with
 * values a client may send by mistake (wrong kinds, missing fields, unknown enum values, NULs, dates at and past the
 * database's range, malformed and foreign ids, garbage cursors and bodies), signed in as several roles or not at all.
 * None may be answered `internal` or 5xx. FUZZ_REQUESTS and FUZZ_SEED replay a longer or different run.
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);

let db: Database;
let fx: Fixture;
beforeAll(async () => {
  db = (await testDatabase()).db;
  fx = await buildFixture(db);
});

describe('fuzzed requests', () => {
  it(`answers ${REQUESTS} generated requests (seed ${SEED}) with no internal error and no 5xx`, { timeout: 600_000 }, async () => {
    const app = testApp(db, { now: () => new Date('2026-06-10T02:00:00Z') });
    const visible = await registerCase(app, fx, { receivedOn: '2026-06-01' });
    const hidden = await registerCase(app, fx, { receivedOn: '2026-06-01' }, fx.tokens.townBStaff);
    const petitioner = await fx.newPetitionerAccount();
    const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
    const report = await runFuzz(
      app,
      {
        ids: [visible.id, hidden.id, gid('Unit', fx.units.townA.id), gid('Unit', fx.units.county.id), gid('Account', fx.actors.officeStaff.accountId)],
        tokens: [undefined, fx.tokens.admin, fx.tokens.officeStaff, fx.tokens.townAStaff, fx.tokens.countyLeader, fx.tokens.integrator, petitioner.token, 'not-a-token'],
      },
      SEED,
      REQUESTS,
    );
    if (process.env.FUZZ_REPORT) console.log(JSON.stringify({ seed: SEED, ...report, faults: report.faults.length }));
    expect(report.faults.slice(0, 5)).toEqual([]);
    expect(report.byCode.internal).toBeUndefined();
    expect(Object.keys(report.byStatus).filter((status) => Number(status) >= 500)).toEqual([]);
    expect(report.requests).toBe(REQUESTS);
    // The generator reaches the mistakes it is meant to: each kind of refusal turns up.
    for (const code of ['request/invalid-variables', 'input/invalid', 'node/not-found', 'auth/unauthenticated', 'GRAPHQL_PARSE_FAILED']) {
      expect(report.byCode[code], code).toBeGreaterThan(0);
    }
  });
});
