import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { prepareDatabase } from '../db/prepare';
import { accounts } from '../db/schema';
import { createUnit, unitPathOf } from '../db/units/service';
import { perDatabase } from '../db/caches';
import type { Actor, Role } from '../schema/auth';
import type { App } from '../schema/yoga';
import { gql, testApp, tokenFor } from './support/app';
import { caseInput, deadline, CASE_FIELDS } from './support/cases';
import type { Fixture } from './support/fixtures';

/**
 * Two districts' databases in one process (an operator tool beside the server, two deployments' data in one
 * test run): what a service caches from one (db/caches.ts: the work calendar, unit paths) must never answer
 * for the other. Both were loaded from the same unit registry, so the county and its office have the same ids
 * in both; in B the county sits one level deeper (under a prefecture), and only A observes a local holiday.
 */
const now = new Date('2026-06-01T02:00:00Z');
const COUNTY_ID = crypto.randomUUID();
const OFFICE_ID = crypto.randomUUID();
const COUNTY_CODE = '500118';
const LOCAL_HOLIDAY = '2026-06-16';

interface District {
  handle: DatabaseHandle;
  app: App;
  countyPath: string;
  tokens: Record<'rootAdmin' | 'officeStaff' | 'countyLeader', string>;
}
let a: District;
let b: District;

async function district(extraLevel: boolean): Promise<District> {
  const handle = await openDatabase({ dataDir: 'memory://' });
  await prepareDatabase(handle);
  const db = handle.db;
  const city = await createUnit(db, { parentId: null, level: 'CITY', kind: 'GOVERNMENT', divisionCode: '500100', name: '测试市' });
  const parent = extraLevel
    ? await createUnit(db, { parentId: city.id, level: 'CITY', kind: 'GOVERNMENT', divisionCode: '500199', name: '测试片区' })
    : city;
  const county = await createUnit(db, { id: COUNTY_ID, parentId: parent.id, level: 'COUNTY', kind: 'GOVERNMENT', divisionCode: COUNTY_CODE, name: '测试县' });
  await createUnit(db, { id: OFFICE_ID, parentId: county.id, level: 'COUNTY', kind: 'PETITION_OFFICE', divisionCode: `${COUNTY_CODE}-XFB`, name: '测试县信访局' });
  const account = async (username: string, unitId: string, roles: Role[]) => {
    const [row] = await db.insert(accounts).values({ username, displayName: username, unitId, roles }).returning();
    const actor: Actor = { accountId: row.id, displayName: row.displayName, roles, unitId, petitionerId: null };
    return tokenFor(actor);
  };
  return {
    handle,
    app: testApp(db, { now: () => now }),
    countyPath: county.path,
    tokens: {
      rootAdmin: await account('root-admin', city.id, ['ADMIN']),
      officeStaff: await account('office-staff', OFFICE_ID, ['STAFF']),
      countyLeader: await account('county-leader', COUNTY_ID, ['LEADER']),
    },
  };
}

/** caseInput wants a fixture only for its place code: the county's first village. */
const place = { code: COUNTY_CODE } as Fixture;

async function registerIn(d: District, title: string) {
  const result = await gql(
    d.app,
    `mutation($input: RegisterCaseInput!) { registerCase(input: $input) {
      __typename ... on MutationRegisterCaseSuccess { data { case { ${CASE_FIELDS} } } } ... on Error { code message } } }`,
    { input: caseInput(place, { title, receivedOn: '2026-06-01' }) },
    d.tokens.officeStaff,
  );
  expect(result.errors).toBeUndefined();
  expect(result.data.registerCase.__typename).toBe('MutationRegisterCaseSuccess');
  return result.data.registerCase.data.case;
}

beforeAll(async () => {
  a = await district(false);
  b = await district(true);
});
afterAll(async () => {
  await a?.handle.close();
  await b?.handle.close();
});

describe('two databases in one process', () => {
  it('are two trees: the same unit has each database’s own path, and its leader sees that database’s cases', async () => {
    expect(a.countyPath).not.toBe(b.countyPath);
    // A first, so B would be answered from A's cache if the cache were the process's.
    expect(await unitPathOf(a.handle.db, COUNTY_ID)).toBe(a.countyPath);
    expect(await unitPathOf(b.handle.db, COUNTY_ID)).toBe(b.countyPath);
    expect(await unitPathOf(a.handle.db, COUNTY_ID)).toBe(a.countyPath);

    await registerIn(a, '甲库事项');
    await registerIn(b, '乙库事项');
    const LIST = `{ cases(first: 10) { totalCount nodes { title } } }`;
    for (const [d, title] of [[a, '甲库事项'], [b, '乙库事项']] as const) {
      // The leader's visibility is the subtree of their unit's path (schema/integrations/request-auth.ts).
      const result = await gql(d.app, LIST, {}, d.tokens.countyLeader);
      expect(result.errors).toBeUndefined();
      expect(result.data.cases.nodes.map((n: { title: string }) => n.title)).toContain(title);
      const filtered = await gql(d.app, `query($u: ID!) { cases(first: 10, filter: { unitId: $u }) { totalCount } }`, { u: Buffer.from(`Unit:${COUNTY_ID}`).toString('base64') }, d.tokens.countyLeader);
      expect(filtered.errors).toBeUndefined();
      expect(filtered.data.cases.totalCount).toBeGreaterThan(0);
    }
  });

  it('keep their own calendars: a holiday entered in one moves only that database’s deadlines', async () => {
    const set = await gql(
      a.app,
      `mutation($date: Date!) { setCalendarDay(date: $date, kind: HOLIDAY, name: "本地假日") { __typename } }`,
      { date: LOCAL_HOLIDAY },
      a.tokens.rootAdmin,
    );
    expect(set.errors).toBeUndefined();
    // B registers first, so A would compute with B's calendar if the calendar were cached for the process.
    const inB = await registerIn(b, '乙库期限');
    const inA = await registerIn(a, '甲库期限');
    const WORKING = `query($d: Date!) { isWorkingDay(date: $d) }`;
    expect((await gql(a.app, WORKING, { d: LOCAL_HOLIDAY }, a.tokens.officeStaff)).data.isWorkingDay).toBe(false);
    expect((await gql(b.app, WORKING, { d: LOCAL_HOLIDAY }, b.tokens.officeStaff)).data.isWorkingDay).toBe(true);
    // Received Monday 1 June: the 15-day routing limit ends Tuesday 16 June, a working day in B; in A a period
    // ending on a day off ends on the next working day.
    expect(deadline(inB, 'ROUTE').dueOn).toBe('2026-06-16');
    expect(deadline(inA, 'ROUTE').dueOn).toBe('2026-06-17');
  });

  it('a transaction reaches its own database’s caches, never the other’s', async () => {
    const probe = perDatabase(() => ({}));
    expect(probe(a.handle.db)).toBe(probe(a.handle.db));
    expect(probe(a.handle.db)).not.toBe(probe(b.handle.db));
    await a.handle.db.transaction(async (tx) => {
      expect(probe(tx)).toBe(probe(a.handle.db));
      await tx.transaction(async (savepoint) => expect(probe(savepoint)).toBe(probe(a.handle.db)));
    });
  });
});
