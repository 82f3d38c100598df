import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { gql, testApp } from './support/app';
import { testDatabase } from './support/database';
import { buildFixture, newIdentityNumber, type Fixture } from './support/fixtures';
import { act, registerCase } from './support/cases';
import type { App } from '../schema/yoga';

let db: Database;
let fx: Fixture;
let clock = new Date('2026-03-02T02:00:00Z');
let app: App;
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const unitGid = (key: keyof Fixture['units']) => gid('Unit', fx.units[key].id);

const LIST = /* GraphQL */ `query($filter: CaseFilter, $orderBy: CaseOrder) {
  cases(first: 50, filter: $filter, orderBy: $orderBy) { totalCount nodes { id number title } } }`;
async function titles(filter: Record<string, unknown>, token = fx.tokens.officeStaff, orderBy?: string): Promise<string[]> {
  const result = await gql(app, LIST, { filter, orderBy }, token);
  expect(result.errors).toBeUndefined();
  expect(result.data.cases.totalCount).toBe(result.data.cases.nodes.length);
  return result.data.cases.nodes.map((node: { title: string }) => node.title);
}

const person = { name: '王五', identityNumber: newIdentityNumber(), mobile: '13700137000' };
let cases: Record<'wages' | 'lift' | 'town' | 'accusation', { id: string; number: string }>;
let personId: string;

beforeAll(async () => {
  db = (await testDatabase()).db;
  fx = await buildFixture(db);
  app = testApp(db, { now: () => clock });
  cases = {
    wages: await registerCase(app, fx, { title: '拖欠工资甲', petitioners: [person] }),
    lift: await registerCase(app, fx, { title: '电梯故障乙', category: '城乡建设' }),
    town: await registerCase(app, fx, { title: '镇上登记丙', petitioners: [person] }, fx.tokens.townAStaff),
    accusation: await registerCase(app, fx, { title: '检举丁', kind: 'ACCUSATION', category: '纪检监察', petitioners: [person] }),
  };
  const read = await gql(app, `query($id: ID!) { node(id: $id) { ... on Case { participants { petitioner { id name } } } } }`, { id: cases.wages.id }, fx.tokens.officeStaff);
  personId = read.data.node.participants[0].petitioner.id;
});

describe('CaseFilter', () => {
  it('filters by category, exact case number and receiving unit', async () => {
    expect(await titles({ category: ['城乡建设'] })).toEqual(['电梯故障乙']);
    expect(await titles({ number: cases.lift.number })).toEqual(['电梯故障乙']);
    expect(await titles({ number: cases.lift.number.slice(0, -1) })).toEqual([]);
    expect(await titles({ receivingUnitId: unitGid('townA') }, fx.tokens.countyLeader)).toEqual(['镇上登记丙']);
  });

  it('filters by petitioner, and never tells who accused to whom may not know it', async () => {
    // The office handles the accusation itself: it knows the accuser.
    expect((await titles({ petitionerId: personId }, fx.tokens.officeStaff)).sort()).toEqual(['拖欠工资甲', '检举丁'].sort());
    // The county reads all four cases, but an accusation's accuser is known only to the handling unit.
    expect((await titles({}, fx.tokens.countyLeader)).length).toBe(4);
    expect((await titles({ petitionerId: personId }, fx.tokens.countyLeader)).sort()).toEqual(['拖欠工资甲', '镇上登记丙'].sort());
  });

  it('lists what changed since an instant, oldest change first (incremental sync)', async () => {
    const since = new Date('2026-03-03T02:00:00Z');
    clock = new Date('2026-03-04T02:00:00Z');
    expect((await act(app, 'acceptCase', { caseId: cases.lift.id, expectedVersion: 1 }, fx.tokens.officeStaff)).__typename).toBe('MutationAcceptCaseSuccess');
    clock = new Date('2026-03-05T02:00:00Z');
    expect((await act(app, 'acceptCase', { caseId: cases.wages.id, expectedVersion: 1 }, fx.tokens.officeStaff)).__typename).toBe('MutationAcceptCaseSuccess');
    expect(await titles({ updatedSince: since.toISOString() }, fx.tokens.officeStaff, 'UPDATED_ASC')).toEqual(['电梯故障乙', '拖欠工资甲']);
    expect(await titles({ updatedSince: since.toISOString() }, fx.tokens.officeStaff, 'UPDATED_DESC')).toEqual(['拖欠工资甲', '电梯故障乙']);
    expect(await titles({ updatedSince: clock.toISOString() })).toEqual(['拖欠工资甲']);
  });
});

describe('Petitioner is a Node', () => {
  const NODE = /* GraphQL */ `query($id: ID!) { node(id: $id) { id ... on Petitioner { name identityNumber } } }`;

  it('is refetched by its global id by staff who may read a case naming them, masked', async () => {
    const result = await gql(app, NODE, { id: personId }, fx.tokens.officeStaff);
    expect(result.errors).toBeUndefined();
    expect(result.data.node).toEqual({ id: personId, name: '王五', identityNumber: `${person.identityNumber.slice(0, 3)}***********${person.identityNumber.slice(-4)}` });
  });

  it('is refused to staff who may read no case naming them', async () => {
    const result = await gql(app, NODE, { id: personId }, fx.tokens.townBStaff);
    expect(result.data?.node ?? null).toBeNull();
    expect(result.errors?.[0].extensions?.code).toBe('auth/forbidden');
  });

  it('is refused where the only case naming them is an accusation whose accuser the caller may not know', async () => {
    const accuser = { name: '赵六', identityNumber: newIdentityNumber() };
    await registerCase(app, fx, { title: '检举戊', kind: 'ACCUSATION', category: '纪检监察', petitioners: [accuser] });
    const own = await gql(app, `query($f: CaseFilter) { cases(first: 1, filter: $f) { nodes { participants { petitioner { id } } } } }`, { f: { text: '检举戊' } }, fx.tokens.officeStaff);
    const accuserId = own.data.cases.nodes[0].participants[0].petitioner.id;
    expect((await gql(app, NODE, { id: accuserId }, fx.tokens.officeStaff)).data.node).toMatchObject({ name: '赵六' });
    const county = await gql(app, NODE, { id: accuserId }, fx.tokens.countyLeader);
    expect(county.data?.node ?? null).toBeNull();
    expect(county.errors?.[0].extensions?.code).toBe('auth/forbidden');
  });
});

describe('event payloads', () => {
  it('carry global ids, as node(id) and every input take them', async () => {
    const transferred = await act(app, 'transferCase', { caseId: cases.town.id, expectedVersion: 1, targetUnitId: unitGid('villageA') }, fx.tokens.townAStaff);
    expect(transferred.__typename).toBe('MutationTransferCaseSuccess');
    const history = await gql(app, `query($id: ID!) { node(id: $id) { ... on Case { events(first: 1) { nodes { type payload } } } } }`, { id: cases.town.id }, fx.tokens.townAStaff);
    const [event] = history.data.node.events.nodes;
    expect(event.type).toBe('TRANSFERRED');
    expect(event.payload).toMatchObject({ toUnitId: unitGid('villageA'), fromUnitId: unitGid('townA') });
    const target = await gql(app, `query($id: ID!) { node(id: $id) { ... on Unit { name } } }`, { id: event.payload.toUnitId }, fx.tokens.townAStaff);
    expect(target.data.node).toEqual({ name: '甲镇一村' });
  });
});
