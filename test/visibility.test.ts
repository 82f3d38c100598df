import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import type { App } from '../schema/yoga';
import { gql, testApp, withSqlLog } from './support/app';
import { testDatabase } from './support/database';
import { buildFixture, newIdentityNumber, type Fixture } from './support/fixtures';
import { act, registerCase } from './support/cases';
import { canReadCase } from '../db/cases/visibility';

let db: Database;
let app: App;
let fx: Fixture;
const now = new Date('2026-06-10T02:00:00Z');
const unitGid = (key: keyof Fixture['units']) => Buffer.from(`Unit:${fx.units[key].id}`).toString('base64');

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db, { now: () => now });
  fx = await buildFixture(db);
});

const CASE_BY_ID = `query($id: ID!) { node(id: $id) { id ... on Case { number title participants { petitioner { name } } identityRedacted accusedPerson events(first: 5) { nodes { type } } } } }`;

describe('subtree visibility', () => {
  it('a township cannot read a neighbouring township’s case, not even through node(id) or nodes', async () => {
    const inB = await registerCase(app, fx, { receivedOn: '2026-06-01', title: '乙镇的事项' }, fx.tokens.townBStaff);
    const own = await gql(app, CASE_BY_ID, { id: inB.id }, fx.tokens.townBStaff);
    expect(own.data.node.title).toBe('乙镇的事项');

    const neighbour = await gql(app, CASE_BY_ID, { id: inB.id }, fx.tokens.townAStaff);
    expect(neighbour.data.node).toBeNull();
    expect(neighbour.errors?.[0].extensions?.code).toBe('node/not-found');
    const many = await gql(app, `query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [inB.id] }, fx.tokens.townAStaff);
    expect(many.data?.nodes?.[0] ?? null).toBeNull();

    const list = await gql(app, `{ cases(first: 100) { totalCount nodes { id } } }`, {}, fx.tokens.townAStaff);
    expect(list.data.cases.nodes.map((n: { id: string }) => n.id)).not.toContain(inB.id);
    // the county sees both townships
    const county = await gql(app, `{ cases(first: 100, filter: { text: "乙镇的事项" }) { totalCount nodes { id } } }`, {}, fx.tokens.countyLeader);
    expect(county.data.cases.nodes.map((n: { id: string }) => n.id)).toContain(inB.id);
  });

  it('a petitioner sees only their own cases; anonymous sees nothing but the public lookup', async () => {
    const alice = await fx.newPetitionerAccount();
    const bob = await fx.newPetitionerAccount();
    const mine = await registerCase(app, fx, { receivedOn: '2026-06-02', petitioners: [alice.person] });
    await registerCase(app, fx, { receivedOn: '2026-06-02', petitioners: [bob.person] });

    const aliceCases = await gql(app, `{ cases(first: 100) { totalCount nodes { id } } }`, {}, alice.token);
    expect(aliceCases.data.cases).toEqual({ totalCount: 1, nodes: [{ id: mine.id }] });
    const bobReadsAlice = await gql(app, CASE_BY_ID, { id: mine.id }, bob.token);
    expect(bobReadsAlice.data.node).toBeNull();

    // the history shows no staff accounts to a petitioner, and other accounts are not readable
    const history = await gql(app, `query($id: ID!) { node(id: $id) { ... on Case { events(first: 5) { nodes { type actor { displayName } } } } } }`, { id: mine.id }, alice.token);
    expect(history.errors).toBeUndefined();
    expect(history.data.node.events.nodes).toEqual([{ type: 'REGISTERED', actor: null }]);
    const staffAccount = Buffer.from(`Account:${fx.actors.officeStaff.accountId}`).toString('base64');
    const peek = await gql(app, `query($id: ID!) { node(id: $id) { ... on Account { username } } }`, { id: staffAccount }, alice.token);
    expect(peek.data.node).toBeNull();
    const self = await gql(app, `{ viewer { account { displayName } } }`, {}, alice.token);
    expect(self.data.viewer.account).toEqual({ displayName: alice.person.name });

    const anonymous = await gql(app, CASE_BY_ID, { id: mine.id });
    expect(anonymous.data.node).toBeNull();
    expect(anonymous.errors?.[0].extensions?.code).toBe('auth/unauthenticated');
  });

  it('the public lookup shows progress without any personal data, and the same error for a wrong code or number', async () => {
    const identityNumber = newIdentityNumber();
    const c = await registerCase(app, fx, { receivedOn: '2026-06-03', petitioners: [{ name: '王秘密', identityNumber, mobile: '13512345678' }] });
    await act(app, 'acceptCase', { caseId: c.id, expectedVersion: 1 }, fx.tokens.officeStaff);
    const lookup = `query($n: String!, $q: String!) { caseStatus(number: $n, queryCode: $q) { number status statusLabel receivedOn unitName timeline { status label } } }`;
    const result = await gql(app, lookup, { n: c.number, q: c.queryCode.toLowerCase() });
    expect(result.data.caseStatus).toMatchObject({
      number: c.number,
      status: 'ACCEPTED',
      statusLabel: '办理中',
      timeline: [{ status: 'REGISTERED', label: '已登记' }, { status: 'ACCEPTED', label: '办理中' }],
    });
    const body = JSON.stringify(result);
    for (const secret of ['王秘密', identityNumber, '13512345678', identityNumber.slice(-4)]) expect(body).not.toContain(secret);

    const wrongCode = await gql(app, lookup, { n: c.number, q: 'AAAAAAAA' });
    const wrongNumber = await gql(app, lookup, { n: `${c.number}9`, q: c.queryCode });
    expect(wrongCode.errors?.[0]).toMatchObject({ message: '编号或查询码不正确', extensions: { code: 'case/not-found' } });
    expect(wrongNumber.errors?.[0]).toMatchObject({ message: '编号或查询码不正确', extensions: { code: 'case/not-found' } });
  });
});

describe('accusation confidentiality (检举控告)', () => {
  it('never reaches the accused unit’s subtree by any path, and hides the accuser from everyone but the handling unit', async () => {
    const c = await registerCase(app, fx, {
      receivedOn: '2026-06-05',
      kind: 'ACCUSATION',
      category: '纪检监察',
      title: '检举甲镇干部',
      accusedUnitId: unitGid('townA'),
      accusedPerson: '甲镇某干部',
      petitioners: [{ name: '检举人', identityNumber: newIdentityNumber() }],
    });
    // it cannot be sent to the accused unit or below it
    for (const target of ['townA', 'villageA'] as const) {
      const refused = await act(app, 'transferCase', { caseId: c.id, expectedVersion: 1, targetUnitId: unitGid(target) }, fx.tokens.officeStaff);
      expect(refused).toMatchObject({ code: 'case/accused-unit' });
    }
    const sent = await act(app, 'transferCase', { caseId: c.id, expectedVersion: 1, targetUnitId: unitGid('discipline') }, fx.tokens.officeStaff);
    expect(sent.__typename).toBe('MutationTransferCaseSuccess');

    // every read path from the accused township (and its village) is refused or empty
    for (const token of [fx.tokens.townAStaff, fx.tokens.townALeader, fx.tokens.villageStaff]) {
      const byNode = await gql(app, CASE_BY_ID, { id: c.id }, token);
      expect(byNode.data.node).toBeNull();
      const byList = await gql(app, `{ cases(first: 100, filter: { kind: [ACCUSATION] }) { totalCount nodes { id } } }`, {}, token);
      expect(byList.data.cases).toEqual({ totalCount: 0, nodes: [] });
      const bySearch = await gql(app, `{ cases(first: 100, filter: { text: "检举甲镇" }) { totalCount } }`, {}, token);
      expect(bySearch.data.cases.totalCount).toBe(0);
      const act1 = await act(app, 'acceptCase', { caseId: c.id, expectedVersion: 2 }, token);
      expect(act1).toMatchObject({ code: 'case/not-found' });
    }

    // the receiving office still follows the case but no longer sees who accused, nor whom
    const office = await gql(app, CASE_BY_ID, { id: c.id }, fx.tokens.officeStaff);
    expect(office.data.node).toMatchObject({ title: '检举甲镇干部', participants: [], identityRedacted: true, accusedPerson: null });
    // the handling unit (discipline inspection) sees both
    const handler = await gql(app, CASE_BY_ID, { id: c.id }, fx.tokens.disciplineStaff);
    expect(handler.data.node).toMatchObject({ participants: [{ petitioner: { name: '检举人' } }], identityRedacted: false, accusedPerson: '甲镇某干部' });
  });

  it('agrees with its SQL twin (pure rule)', () => {
    const row = { kind: 'ACCUSATION', unitPath: '/a/b/d/', receivingUnitPath: '/a/b/o/', accusedUnitPath: '/a/b/t/', petitionerIds: ['p1'] };
    expect(canReadCase({ roles: ['STAFF'], unitPath: '/a/b/t/v/', petitionerId: null }, row)).toBe(false);
    expect(canReadCase({ roles: ['STAFF'], unitPath: '/a/b/', petitionerId: null }, row)).toBe(true);
    expect(canReadCase({ roles: ['PETITIONER'], unitPath: null, petitionerId: 'p1' }, row)).toBe(true);
    expect(canReadCase({ roles: ['MEDIATOR'], unitPath: '/a/b/', petitionerId: null }, row)).toBe(false);
  });
});

describe('SQL statements per request', () => {
  it('runs cases(first: 50) { nodes { unit, petitioners, events(first: 5) } } as one statement', async () => {
    for (let i = 0; i < 3; i++) await registerCase(app, fx, { receivedOn: '2026-06-06' });
    const query = `{ cases(first: 50) { nodes { number unit { name } participants { role petitioner { name mobile } } events(first: 5) { nodes { sequence type } } } } }`;
    await gql(app, query, {}, fx.tokens.countyLeader); // warm the unit-path cache
    const { result, statements } = await withSqlLog(() => gql(app, query, {}, fx.tokens.countyLeader));
    expect(result.errors).toBeUndefined();
    expect(result.data.cases.nodes.length).toBeGreaterThanOrEqual(3);
    expect(statements).toHaveLength(1);
  });

  it('checks supervision orders reached through their case by the case alone (no statement per order)', async () => {
    for (let i = 0; i < 3; i++) {
      const c = await registerCase(app, fx, { receivedOn: '2026-06-07', title: `督办事项${i}` });
      const order = await act(app, 'superviseCase', { caseId: c.id, expectedVersion: 1, instructions: '请于五日内报告', dueOn: '2026-06-15' }, fx.tokens.citySupervisor);
      expect(order.__typename).toBe('MutationSuperviseCaseSuccess');
    }
    const query = `{ cases(first: 50, filter: { text: "督办事项" }) { nodes { number supervisions { id status } hearings { id status } } } }`;
    await gql(app, query, {}, fx.tokens.countyLeader);
    const { result, statements } = await withSqlLog(() => gql(app, query, {}, fx.tokens.countyLeader));
    expect(result.errors).toBeUndefined();
    expect(result.data.cases.nodes.filter((n: { supervisions: unknown[] }) => n.supervisions.length === 1)).toHaveLength(3);
    expect(statements).toHaveLength(1);
  });

  it('reads no identity data, addresses or supervision texts for a list that does not show them', async () => {
    const names = `{ cases(first: 50) { nodes { number unit { name } participants { petitioner { name } } supervisions { id status } } } }`;
    await gql(app, names, {}, fx.tokens.countyLeader);
    const { statements } = await withSqlLog(() => gql(app, names, {}, fx.tokens.countyLeader));
    expect(statements).toHaveLength(1);
    for (const column of ['identity_number', '"mobile"', '"address"', '"instructions"', '"answer"', '"path"']) expect(statements[0]).not.toContain(column);
    // Asked for, they come in the same statement (and masked, test/free-text-masking.test.ts).
    const full = `{ cases(first: 50) { nodes { number participants { petitioner { identityNumber mobile address } } supervisions { instructions answer } } } }`;
    await gql(app, full, {}, fx.tokens.countyLeader);
    const asked = await withSqlLog(() => gql(app, full, {}, fx.tokens.countyLeader));
    expect(asked.result.errors).toBeUndefined();
    expect(asked.statements).toHaveLength(1);
    for (const column of ['identity_number', '"mobile"', '"address"', '"instructions"', '"answer"']) expect(asked.statements[0]).toContain(column);
  });

  it('runs cases with deadlines as one statement too', async () => {
    const query = `{ cases(first: 50) { nodes { number nextDueOn overdue deadlines { kind dueOn state } unit { name } } } }`;
    await gql(app, query, {}, fx.tokens.countyLeader);
    const { result, statements } = await withSqlLog(() => gql(app, query, {}, fx.tokens.countyLeader));
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
  });
});
