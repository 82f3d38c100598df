import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import type { App } from '../schema/yoga';
import { gql, testApp } from './support/app';
import { testDatabase } from './support/database';
import { buildFixture, newIdentityNumber, type Fixture } from './support/fixtures';
import { act, registerCase } from './support/cases';
import { maskIdentityNumber } from '../db/petitioners/identity';
import { readEvents } from '../db/events/feed';
import { START } from '../db/events/cursor';
import { untilSettled } from './support/events';
import { dbId } from './support/cases';

let db: Database;
let app: App;
let fx: Fixture;
const now = new Date('2026-06-10T02:00:00Z');
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db, { now: () => now });
  fx = await buildFixture(db);
});

const READ = `query($id: ID!) { node(id: $id) { ... on Case { title content version
  events(first: 10) { nodes { type actor { displayName } payload } } } } }`;
const REVEAL = `mutation($input: RevealCaseTextInput!) { revealCaseText(input: $input) {
  __typename
  ... on MutationRevealCaseTextSuccess { data { title content accusedPerson identities { kind masked } case { version } } }
  ... on Error { code message } } }`;

describe('personal data typed into free text', () => {
  it('is masked for everyone who reads the case; the handling unit reveals it with a reason, recorded in the history', async () => {
    const person = await fx.newPetitionerAccount('王大明');
    const neighbour = newIdentityNumber();
    const content = `本人王大明，身份证号${person.identityNumber}，电话13977770001；邻居身份证${neighbour}。信访件 500118-2026-000123 于2026-03-10 受理，欠款150000元。`;
    const c = await registerCase(app, fx, {
      receivedOn: '2026-06-09',
      title: '欠薪 请回电13977770001',
      content,
      petitioners: [{ name: '王大明', identityNumber: person.identityNumber }],
    });
    const accepted = await act(app, 'acceptCase', { caseId: c.id, expectedVersion: 1, note: '已电话告知 139 7777 0001' }, fx.tokens.officeStaff);
    expect(accepted.__typename).toBe('MutationAcceptCaseSuccess');

    const maskedContent = `本人王大明，身份证号${maskIdentityNumber(person.identityNumber)}，电话139****0001；邻居身份证${maskIdentityNumber(neighbour)}。信访件 500118-2026-000123 于2026-03-10 受理，欠款150000元。`;
    // the handling unit's staff, the county above it and the petitioner alike: masked, numbers that are no one's kept
    for (const token of [fx.tokens.officeStaff, fx.tokens.countyLeader, person.token]) {
      const read = await gql(app, READ, { id: c.id }, token);
      expect(read.errors).toBeUndefined();
      expect(read.data.node).toMatchObject({ title: '欠薪 请回电139****0001', content: maskedContent });
      const body = JSON.stringify(read.data);
      for (const whole of [person.identityNumber, neighbour, '13977770001', '139 7777 0001']) expect(body).not.toContain(whole);
    }
    const history = (await gql(app, READ, { id: c.id }, fx.tokens.officeStaff)).data.node.events.nodes;
    expect(history[0]).toMatchObject({ type: 'ACCEPTED', payload: { note: '已电话告知 139****0001' } });

    // a unit above may read the case but is not the handling unit; a neighbour may not read it at all
    const above = await gql(app, REVEAL, { input: { caseId: c.id, reason: '抽查' } }, fx.tokens.countyLeader);
    expect(above.data.revealCaseText).toMatchObject({ __typename: 'ForbiddenError', code: 'auth/forbidden' });
    const neighbourUnit = await gql(app, REVEAL, { input: { caseId: c.id, reason: '抽查' } }, fx.tokens.townBStaff);
    expect(neighbourUnit.data.revealCaseText).toMatchObject({ code: 'case/not-found' });
    const petitioner = await gql(app, REVEAL, { input: { caseId: c.id, reason: '本人查看' } }, person.token);
    expect(petitioner.data?.revealCaseText ?? petitioner.errors?.[0].extensions).toMatchObject({ code: 'auth/forbidden' });
    const noReason = await gql(app, REVEAL, { input: { caseId: c.id, reason: ' ' } }, fx.tokens.officeStaff);
    expect(noReason.data.revealCaseText).toMatchObject({ __typename: 'InputError', code: 'input/invalid' });
    expect((await gql(app, READ, { id: c.id }, fx.tokens.officeStaff)).data.node.events.nodes.map((e: { type: string }) => e.type)).toEqual(['ACCEPTED', 'REGISTERED']);

    const revealed = await gql(app, REVEAL, { input: { caseId: c.id, reason: '核实信访人身份以便电话答复' } }, fx.tokens.officeStaff);
    expect(revealed.errors).toBeUndefined();
    expect(revealed.data.revealCaseText.data).toEqual({
      title: '欠薪 请回电13977770001',
      content,
      accusedPerson: null,
      identities: [
        { kind: 'MOBILE', masked: '139****0001' },
        { kind: 'IDENTITY_NUMBER', masked: maskIdentityNumber(person.identityNumber) },
        { kind: 'IDENTITY_NUMBER', masked: maskIdentityNumber(neighbour) },
      ],
      case: { version: 2 }, // a reveal changes nothing of the case: no version conflict for anyone
    });

    // the history: who, when, why, whose (masked, never whole), and the person whose number it is
    const after = (await gql(app, READ, { id: c.id }, fx.tokens.countyLeader)).data.node;
    expect(after.events.nodes[0]).toEqual({
      type: 'TEXT_REVEALED',
      actor: { displayName: fx.actors.officeStaff.displayName },
      payload: {
        reason: '核实信访人身份以便电话答复',
        fields: ['title', 'content'],
        identities: [
          { kind: 'MOBILE', masked: '139****0001' },
          { kind: 'IDENTITY_NUMBER', masked: maskIdentityNumber(person.identityNumber) },
          { kind: 'IDENTITY_NUMBER', masked: maskIdentityNumber(neighbour) },
        ],
        petitionerIds: [gid('Petitioner', person.petitionerId)],
      },
    });
    expect(after.content).toBe(maskedContent);
    for (const whole of [person.identityNumber, neighbour, '13977770001']) expect(JSON.stringify(after)).not.toContain(whole);

    // integrators (subscriptions, webhooks) read the same masked text
    await untilSettled(db);
    const feed = await readEvents(db, { viewer: { roles: ['LEADER'], unitPath: fx.units.county.path, petitionerId: null }, filter: { streamId: dbId(c.id) }, after: START, limit: 10 });
    expect(feed.map((e) => e.type)).toEqual(['case.registered', 'case.accepted', 'case.text_revealed']);
    expect(feed[1].payload).toEqual({ note: '已电话告知 139****0001' });
    for (const whole of [person.identityNumber, neighbour, '13977770001', '139 7777 0001']) expect(JSON.stringify(feed)).not.toContain(whole);

    // the petitioner's public progress shows no audit entry
    const lookup = await gql(app, `query($n: String!, $q: String!) { caseStatus(number: $n, queryCode: $q) { timeline { status } } }`, { n: c.number, q: c.queryCode });
    expect(lookup.data.caseStatus.timeline).toHaveLength(2);
  });

  it('of an accusation is revealed only to the handling organ, never to the office that registered it', async () => {
    const accuser = newIdentityNumber();
    const c = await registerCase(app, fx, {
      receivedOn: '2026-06-09',
      kind: 'ACCUSATION',
      category: '纪检监察',
      title: '检举某干部',
      content: `检举人身份证${accuser}，可打13700001111联系。`,
      accusedUnitId: gid('Unit', fx.units.townA.id),
      accusedPerson: '某干部（手机13600002222）',
      petitioners: [{ name: '检举人', identityNumber: accuser }],
    });
    const sent = await act(app, 'transferCase', { caseId: c.id, expectedVersion: 1, targetUnitId: gid('Unit', fx.units.discipline.id) }, fx.tokens.officeStaff);
    expect(sent.__typename).toBe('MutationTransferCaseSuccess');
    const office = await gql(app, REVEAL, { input: { caseId: c.id, reason: '核实' } }, fx.tokens.officeStaff);
    expect(office.data.revealCaseText).toMatchObject({ code: 'auth/forbidden' });
    const organ = await gql(app, REVEAL, { input: { caseId: c.id, reason: '核实检举人身份' } }, fx.tokens.disciplineStaff);
    expect(organ.data.revealCaseText.data).toMatchObject({ content: `检举人身份证${accuser}，可打13700001111联系。`, accusedPerson: '某干部（手机13600002222）' });
    const read = await gql(app, `query($id: ID!) { node(id: $id) { ... on Case { content accusedPerson } } }`, { id: c.id }, fx.tokens.disciplineStaff);
    expect(read.data.node).toEqual({ content: `检举人身份证${maskIdentityNumber(accuser)}，可打137****1111联系。`, accusedPerson: '某干部（手机136****2222）' });
  });
});
