import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { App } from '../schema/yoga';
import { cases } from '../db/schema';
import { createUnit } from '../db/units/service';
import { competentOrgan } from '../db/cases/accusation-routing';
import { gql, testApp } from './support/app';
import { testDatabase } from './support/database';
import { buildFixture, idempotencyKey, type Fixture } from './support/fixtures';
import { fake, type Person } from './support/seed';
import { act, caseInput } from './support/cases';

let db: Database;
let app: App;
let fx: Fixture;
const now = new Date('2026-06-10T02:00:00Z');
const unitGid = (id: string) => Buffer.from(`Unit:${id}`).toString('base64');

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db, { now: () => now });
  fx = await buildFixture(db);
});

const REGISTER = `mutation($input: RegisterCaseInput!) { registerCase(input: $input) {
  __typename
  ... on MutationRegisterCaseSuccess { data { replayed case { id } receipt { number queryCode receivedOn unitName routedToCompetentOrgan notice } } }
  ... on Error { code message } } }`;

function accusation(accusedUnitId: string, overrides: Record<string, unknown> = {}) {
  return caseInput(fx, {
    kind: 'ACCUSATION',
    category: '纪检监察',
    title: `检举干部-${idempotencyKey()}`,
    content: '某干部收受工程款回扣，请求查处。',
    receivedOn: '2026-06-09',
    accusedUnitId: unitGid(accusedUnitId),
    accusedPerson: '某干部',
    petitioners: [fake().person()],
    ...overrides,
  });
}

const BY_NUMBER = `query($n: String!) { cases(first: 5, filter: { number: $n }) { totalCount nodes {
  id status version unit { name } receivingUnit { name } participants { petitioner { name } } accusedPerson content
  deadlines { kind dueOn met completedOn }
  events(first: 5) { nodes { sequence type fromStatus toStatus actor { displayName } payload } } } } }`;

describe('an accusation registered at the unit it accuses (检举控告)', () => {
  it('is routed at once to the nearest discipline inspection organ; the clerk gets a receipt they can act on', async () => {
    // the clerk of the accused township's village: the township's subtree may never read it
    const input = accusation(fx.units.townA.id);
    const [accuser] = input.petitioners as Person[];
    const result = await gql(app, REGISTER, { input }, fx.tokens.villageStaff);
    expect(result.errors).toBeUndefined();
    const answer = result.data.registerCase;
    expect(answer.__typename).toBe('MutationRegisterCaseSuccess');
    expect(answer.data.case).toBeNull();
    const receipt = answer.data.receipt;
    expect(receipt).toMatchObject({ receivedOn: '2026-06-09', unitName: '测试县纪委监委', routedToCompetentOrgan: true });
    expect(receipt.number).toMatch(new RegExp(`^${fx.code}001001-2026-\\d{6}$`));
    expect(receipt.queryCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(receipt.notice).toContain(receipt.number);
    expect(receipt.notice).toContain(receipt.queryCode);
    expect(receipt.notice).toContain('测试县纪委监委');
    // the receipt carries nothing of the accuser or the material
    for (const secret of [accuser.name, accuser.mobile, accuser.identityNumber, '回扣', '某干部']) expect(JSON.stringify(answer)).not.toContain(secret);

    // the retry with the same key answers the same receipt
    const again = await gql(app, REGISTER, { input }, fx.tokens.villageStaff);
    expect(again.data.registerCase.data).toEqual({ replayed: true, case: null, receipt });

    // the accuser looks it up with the receipt, and sees where it went
    const lookup = await gql(app, `query($n: String!, $q: String!) { caseStatus(number: $n, queryCode: $q) { status unitName timeline { status } } }`, { n: receipt.number, q: receipt.queryCode });
    expect(lookup.data.caseStatus).toEqual({ status: 'PENDING_ACCEPTANCE', unitName: '测试县纪委监委', timeline: [{ status: 'REGISTERED' }, { status: 'PENDING_ACCEPTANCE' }] });

    // the receiving organ's staff see it whole, and its history shows the routing
    const organ = await gql(app, BY_NUMBER, { n: receipt.number }, fx.tokens.disciplineStaff);
    expect(organ.errors).toBeUndefined();
    const seen = organ.data.cases.nodes[0];
    expect(seen).toMatchObject({
      status: 'PENDING_ACCEPTANCE',
      version: 2,
      unit: { name: '测试县纪委监委' },
      receivingUnit: { name: '甲镇一村' },
      participants: [{ petitioner: { name: accuser.name } }],
      accusedPerson: '某干部',
    });
    expect(seen.events.nodes).toEqual([
      {
        sequence: 2, type: 'TRANSFERRED', fromStatus: 'REGISTERED', toStatus: 'PENDING_ACCEPTANCE', actor: { displayName: fx.actors.villageStaff.displayName },
        payload: expect.objectContaining({ toUnitId: unitGid(fx.units.discipline.id), toUnitName: '测试县纪委监委', fromUnitId: unitGid(fx.units.villageA.id), automatic: true }),
      },
      { sequence: 1, type: 'REGISTERED', fromStatus: null, toStatus: 'REGISTERED', actor: { displayName: fx.actors.villageStaff.displayName }, payload: expect.objectContaining({ number: receipt.number }) },
    ]);
    // routed on the day of registration (the routing clock met), 15 days to accept from then
    const routeClock = seen.deadlines.find((d: { kind: string }) => d.kind === 'ROUTE');
    expect(routeClock).toMatchObject({ met: true, completedOn: '2026-06-10' });
    expect(seen.deadlines.find((d: { kind: string }) => d.kind === 'ACCEPT')).toMatchObject({ dueOn: '2026-06-25', met: null });
    const accepted = await act(app, 'acceptCase', { caseId: seen.id, expectedVersion: 2 }, fx.tokens.disciplineStaff);
    expect(accepted.__typename).toBe('MutationAcceptCaseSuccess');

    // the accused unit's staff, the clerk included, see nothing of it by any path
    for (const token of [fx.tokens.villageStaff, fx.tokens.townAStaff, fx.tokens.townALeader]) {
      const list = await gql(app, BY_NUMBER, { n: receipt.number }, token);
      expect(list.data.cases).toEqual({ totalCount: 0, nodes: [] });
      const node = await gql(app, `query($id: ID!) { node(id: $id) { id } }`, { id: seen.id }, token);
      expect(node.errors?.[0].extensions?.code).toBe('node/not-found');
    }
  });

  it('at the receiving office above the accused unit stays with the office (nothing to route)', async () => {
    const result = await gql(app, REGISTER, { input: accusation(fx.units.townA.id) }, fx.tokens.officeStaff);
    expect(result.data.registerCase.data).toMatchObject({ case: { id: expect.any(String) }, receipt: { unitName: '测试县信访局', routedToCompetentOrgan: false } });
  });

  it('is refused before anything is written when no competent organ exists, naming where to file; found once one exists', async () => {
    // the county's own organ sits inside the accused county's subtree, and the city has none (yet)
    const input = accusation(fx.units.county.id, { title: `检举县政府-${idempotencyKey()}` });
    const refused = await gql(app, REGISTER, { input }, fx.tokens.officeStaff);
    expect(refused.errors).toBeUndefined();
    expect(refused.data.registerCase).toMatchObject({ __typename: 'CaseRuleError', code: 'case/no-competent-organ' });
    expect(refused.data.registerCase.message).toContain(`测试市${fx.code}的纪委监委`);
    expect(refused.data.registerCase.message).toContain('12388');
    expect(await db.select({ id: cases.id }).from(cases).where(eq(cases.title, input.title))).toEqual([]);

    // the same key again, once the city has its organ: the walk goes up past the county
    const cityOrgan = await createUnit(db, { parentId: fx.units.city.id, level: 'CITY', kind: 'DISCIPLINE_INSPECTION', divisionCode: `${fx.units.city.divisionCode}-JW`, name: `测试市${fx.code}纪委监委` });
    const routed = await gql(app, REGISTER, { input }, fx.tokens.officeStaff);
    expect(routed.data.registerCase.data).toMatchObject({ replayed: false, case: null, receipt: { unitName: cityOrgan.name, routedToCompetentOrgan: true } });
  });
});

describe('the competent organ (pure rule)', () => {
  const organ = (id: string, path: string) => ({ id, name: id, path });
  const units = [
    organ('nationalJW', '/n/jw/'),
    organ('cityJW', '/n/c/cjw/'),
    organ('countyJW', '/n/c/k/kjw/'),
    organ('townBJW', '/n/c/k/b/bjw/'),
    organ('townAJW', '/n/c/k/a/ajw/'),
  ];
  it('walks up from the accused unit to the first organ outside its subtree', () => {
    expect(competentOrgan('/n/c/k/a/', units)?.id).toBe('countyJW'); // not the township's own, not the neighbour's
    expect(competentOrgan('/n/c/k/a/v/', units)?.id).toBe('townAJW'); // a village: its township's organ
    expect(competentOrgan('/n/c/k/', units)?.id).toBe('cityJW'); // the county's own organ is inside the county
    expect(competentOrgan('/n/c/k/kjw/', units)?.id).toBe('cityJW'); // an organ accused: the one above its parent's
    expect(competentOrgan('/n/c/', units)?.id).toBe('nationalJW');
    expect(competentOrgan('/n/', units)).toBeNull();
    expect(competentOrgan('/n/c/k/a/', units.filter((u) => u.id !== 'countyJW'))?.id).toBe('cityJW'); // never townBJW
  });
});
