import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import { events } from '../db/schema';
import type { App } from '../schema/yoga';
import { gql, testApp } from './support/app';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { act, caseInput, dbId, deadline, registerCase } from './support/cases';

// Issue 9 item 1: a case entered late carries its real registration time, so a past timeline can be recorded
// and every clock runs from the real dates, not from the day of entry.
let db: Database;
let app: App;
let fx: Fixture;
const clock = new Date('2026-03-12T02:00:00Z'); // entered on 03-12, 10:00 in China

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db, { now: () => clock });
  fx = await buildFixture(db);
});

const REGISTER = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) {
  __typename ... on Error { code message } ... on InputError { issues { path message } } } }`;

describe('registration with its real time', () => {
  it('a letter received 03-09, entered 03-12 as registered 03-09 and accepted 03-10: clocks from the real dates', async () => {
    const c = await registerCase(app, fx, { receivedOn: '2026-03-09', registeredAt: '2026-03-09T16:00:00+08:00', title: '补录来信' });
    const read = await gql(app, `query($id: ID!) { node(id: $id) { ... on Case { registeredAt deadlines { kind dueOn state completedOn } } } }`, { id: c.id }, fx.tokens.officeStaff);
    expect(read.data.node.registeredAt).toBe('2026-03-09T08:00:00.000Z');
    // The office has 15 days from receipt to accept or route it: 03-09 + 15 = 03-24 (a Tuesday), not 03-27 from entry.
    expect(deadline(read.data.node, 'ROUTE')).toMatchObject({ dueOn: '2026-03-24', state: 'RUNNING' });

    const accepted = await act(app, 'acceptCase', { caseId: c.id, expectedVersion: 1, occurredAt: '2026-03-10T09:00:00+08:00' }, fx.tokens.officeStaff);
    expect(accepted.case.status).toBe('ACCEPTED');
    expect(deadline(accepted.case, 'ROUTE')).toMatchObject({ dueOn: '2026-03-24', state: 'MET', completedOn: '2026-03-10' });
    // 03-10 + 60 = 05-09, a Saturday made a working day by the 2026 劳动节 schedule.
    expect(deadline(accepted.case, 'HANDLE')).toMatchObject({ dueOn: '2026-05-09', days: 60, state: 'RUNNING' });

    const history = await db.select({ type: events.type, occurredAt: events.occurredAt }).from(events)
      .where(and(eq(events.streamType, 'CASE'), eq(events.streamId, dbId(c.id)))).orderBy(asc(events.sequence));
    expect(history).toEqual([
      { type: 'case.registered', occurredAt: new Date('2026-03-09T08:00:00Z') },
      { type: 'case.accepted', occurredAt: new Date('2026-03-10T01:00:00Z') },
    ]);
  });

  it('refuses a registration time before the letter arrived or in the future, naming the field', async () => {
    const early = await gql(app, REGISTER, { input: caseInput(fx, { receivedOn: '2026-03-09', registeredAt: '2026-03-08T23:00:00+08:00' }) }, fx.tokens.officeStaff);
    expect(early.data.registerCase).toMatchObject({
      __typename: 'InputError', code: 'input/invalid', issues: [{ path: ['registeredAt'], message: '登记时间不能早于收件日期（2026-03-09）' }],
    });
    const future = await gql(app, REGISTER, { input: caseInput(fx, { receivedOn: '2026-03-09', registeredAt: '2026-03-12T11:00:00+08:00' }) }, fx.tokens.officeStaff);
    expect(future.data.registerCase).toMatchObject({
      __typename: 'InputError', code: 'input/invalid', issues: [{ path: ['registeredAt'], message: '登记时间不能晚于当前时间' }],
    });
  });
});
