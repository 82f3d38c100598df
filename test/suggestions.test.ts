import { beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { gql, testApp } from './support/app';
import { dbId } from './support/cases';
import type { Database } from '../db/client';
import { events, suggestionAssessorPool } from '../db/schema';
import type { App } from '../schema/yoga';

let db: Database;
let fx: Fixture;
let clock = new Date('2026-03-02T02:00:00Z'); // 10:00 in China, Monday
let app: App;

const SUGGESTION = `id number version status urgent allowedActions answer answerPublishedOn caseId declineReason contactName contactMobile
  feedbackDeadline { dueOn days state completedOn met } overdue unit { name }
  assessments { valueScore notes } conversions { kind title progress }`;

async function mutate(name: string, input: Record<string, unknown>, token: string | undefined, select = `suggestion { ${SUGGESTION} }`) {
  const type = `${name[0].toUpperCase()}${name.slice(1)}`;
  const inputType = /^(open|close|archive)SuggestionCampaign$/.test(name) ? 'SuggestionCampaignAction' : type;
  // creation has no stream to conflict with; every other mutation is a stream action
  const streamErrors = ['submitSuggestion', 'createSuggestionCampaign'].includes(name) ? '' : '... on InvalidTransitionError { allowedActions } ... on VersionConflictError { currentVersion }';
  const result = await gql(
    app,
    `mutation($input: ${inputType}Input!) { ${name}(input: $input) { __typename ... on Mutation${type}Success { data { ${select} } }
      ... on Error { code message } ${streamErrors} } }`,
    { input },
    token,
  );
  if (result.errors) throw new Error(`${name}: ${JSON.stringify(result.errors)}`);
  return result.data[name];
}

async function campaign(overrides: Record<string, unknown> = {}) {
  const created = await mutate(
    'createSuggestionCampaign',
    { title: '城市交通金点子征集', description: '围绕城区交通出行，征集市民意见建议。', categories: ['交通出行'], opensOn: '2026-03-01', closesOn: '2026-03-31', feedbackDays: 20, endorsementThreshold: 3, ...overrides },
    fx.tokens.officeStaff,
    'campaign { id version status allowedActions }',
  );
  const c = created.data.campaign;
  const opened = await mutate('openSuggestionCampaign', { campaignId: c.id, expectedVersion: c.version }, fx.tokens.officeStaff, 'campaign { id version status }');
  return opened.data.campaign as { id: string; version: number; status: string };
}

async function submit(input: Record<string, unknown>, token?: string) {
  const payload = await mutate('submitSuggestion', { title: '实验小学门口增设红绿灯', content: '实验小学门口路口车多，孩子过马路很危险，建议安装信号灯。', category: '交通出行', ...input }, token, 'number queryCode');
  return payload.data ?? payload;
}

async function load(id: string, token = fx.tokens.officeStaff) {
  const result = await gql(app, `query($id: ID!) { node(id: $id) { ... on Suggestion { ${SUGGESTION} } } }`, { id }, token);
  // node(id) answers "does not exist" and "you may not see it" alike (no oracle)
  if (result.errors && result.errors[0]?.extensions?.code !== 'node/not-found') throw new Error(JSON.stringify(result.errors));
  return result.data?.node ?? null;
}

async function idOf(number: string) {
  if (!number) throw new Error('no number: the submission was refused');
  const row = await db.query.suggestions.findFirst({ where: { number } });
  return Buffer.from(`Suggestion:${row!.id}`).toString('base64');
}

beforeAll(async () => {
  db = (await testDatabase()).db;
  fx = await buildFixture(db);
  app = testApp(db, { now: () => clock });
  // the county's pool of assessors: the office leader and a town staff member
  await db.insert(suggestionAssessorPool).values([
    { unitId: fx.units.county.id, accountId: fx.actors.officeLeader.accountId },
    { unitId: fx.units.county.id, accountId: fx.actors.townAStaff.accountId },
  ]);
});

describe('campaigns', () => {
  it('refuses submissions before and after the open period, and outside its categories', async () => {
    const c = await campaign();
    clock = new Date('2026-02-27T02:00:00Z');
    expect(await submit({ campaignId: c.id })).toMatchObject({ code: 'suggestion/campaign-not-open' });
    clock = new Date('2026-04-01T02:00:00Z');
    expect(await submit({ campaignId: c.id })).toMatchObject({ code: 'suggestion/campaign-closed', message: '该征集活动已于 2026-03-31 截止，欢迎通过日常征集渠道提出建议' });
    clock = new Date('2026-03-02T02:00:00Z');
    expect(await submit({ campaignId: c.id, category: '教育' })).toMatchObject({ code: 'suggestion/category-not-in-campaign' });
    expect(await submit({ campaignId: c.id })).toMatchObject({ number: expect.stringMatching(/^JY-/) });
    const closed = await mutate('closeSuggestionCampaign', { campaignId: c.id, expectedVersion: c.version }, fx.tokens.officeStaff, 'campaign { status version }');
    expect(closed.data.campaign).toEqual({ status: 'CLOSED', version: 3 });
    expect(await submit({ campaignId: c.id })).toMatchObject({ code: 'suggestion/campaign-closed' });
    const reopen = await mutate('openSuggestionCampaign', { campaignId: c.id, expectedVersion: 3 }, fx.tokens.officeStaff, 'campaign { status }');
    expect(reopen).toMatchObject({ code: 'suggestion-campaign/invalid-transition', allowedActions: ['archive'] });
  });

  it('lets citizens submit only online, and needs a unit for open collection', async () => {
    const citizen = await fx.newPetitionerAccount('李四');
    expect(await submit({ channel: 'LETTER', unitId: Buffer.from(`Unit:${fx.units.office.id}`).toString('base64') }, citizen.token)).toMatchObject({ code: 'suggestion/channel-not-allowed' });
    expect(await submit({})).toMatchObject({ code: 'suggestion/unit-required' });
  });
});

describe('the pipeline through the API', () => {
  it('runs submit → assess → adopt (held) → publish → convert, one event per step, feedback to the day', async () => {
    const c = await campaign();
    const citizen = await fx.newPetitionerAccount('王五');
    const receipt = await submit({ campaignId: c.id, contactName: '王五', contactMobile: '13912345678' }, citizen.token);
    expect(receipt.number).toMatch(/^JY-.*-2026-\d{6}$/);
    const id = await idOf(receipt.number);
    let s = await load(id);
    // received 2026-03-02 + 20 days = 2026-03-22 (a Sunday) → Monday 2026-03-23
    expect(s).toMatchObject({ status: 'SUBMITTED', version: 1, contactName: '王*', contactMobile: '139****5678', feedbackDeadline: { dueOn: '2026-03-23', days: 20, state: 'RUNNING' } });
    expect(s.allowedActions).toEqual(['startAssessment', 'decline', 'transfer', 'markUrgent', 'makePublic', 'transferToCase', 'joinCluster']);

    // a citizen cannot start the assessment; a stale version is refused
    expect(await mutate('startSuggestionAssessment', { suggestionId: id, expectedVersion: 1 }, citizen.token)).toMatchObject({ code: 'auth/forbidden' });
    expect(await mutate('startSuggestionAssessment', { suggestionId: id, expectedVersion: 7 }, fx.tokens.officeStaff)).toMatchObject({ code: 'suggestion/version-conflict', currentVersion: 1 });
    s = (await mutate('startSuggestionAssessment', { suggestionId: id, expectedVersion: 1 }, fx.tokens.officeStaff)).data.suggestion;
    expect(s.status).toBe('UNDER_ASSESSMENT');
    expect(await mutate('completeSuggestionAssessment', { suggestionId: id, expectedVersion: 2 }, fx.tokens.officeStaff)).toMatchObject({ code: 'suggestion/assessment-incomplete' });
    // someone not drawn may not score
    expect(await mutate('recordSuggestionAssessment', { suggestionId: id, expectedVersion: 2, valueScore: 4, feasibilityScore: 4 }, fx.tokens.officeStaff)).toMatchObject({ code: 'suggestion/not-an-assessor' });
    await mutate('recordSuggestionAssessment', { suggestionId: id, expectedVersion: 2, valueScore: 5, feasibilityScore: 4, notes: '需交警部门配合' }, fx.tokens.officeLeader);
    await mutate('recordSuggestionAssessment', { suggestionId: id, expectedVersion: 3, valueScore: 4, feasibilityScore: 3 }, fx.tokens.townAStaff);
    expect(await mutate('recordSuggestionAssessment', { suggestionId: id, expectedVersion: 4, valueScore: 1, feasibilityScore: 1 }, fx.tokens.townAStaff)).toMatchObject({ code: 'suggestion/already-scored' });
    s = (await mutate('completeSuggestionAssessment', { suggestionId: id, expectedVersion: 4 }, fx.tokens.officeStaff)).data.suggestion;
    expect(s.status).toBe('ASSESSED');
    expect(s.assessments.map((a: { valueScore: number }) => a.valueScore).sort()).toEqual([4, 5]);

    // only a leader decides; held answer: not told to the submitter, clock still running
    expect(await mutate('decideSuggestion', { suggestionId: id, expectedVersion: 5, result: 'ADOPTED', answer: '采纳', publish: false }, fx.tokens.officeStaff)).toMatchObject({ code: 'auth/forbidden' });
    clock = new Date('2026-03-10T02:00:00Z');
    s = (await mutate('decideSuggestion', { suggestionId: id, expectedVersion: 5, result: 'ADOPTED', answer: '已会同交警部门在该路口设置信号灯。', publish: false }, fx.tokens.officeLeader)).data.suggestion;
    expect(s).toMatchObject({ status: 'ADOPTED', answerPublishedOn: null, feedbackDeadline: { state: 'RUNNING', completedOn: null } });
    const seenByCitizen = await load(id, citizen.token);
    expect(seenByCitizen).toMatchObject({ answer: null, assessments: [], allowedActions: [] });

    clock = new Date('2026-03-23T02:00:00Z');
    s = (await mutate('publishSuggestionAnswer', { suggestionId: id, expectedVersion: 6 }, fx.tokens.officeStaff)).data.suggestion;
    expect(s).toMatchObject({ answerPublishedOn: '2026-03-23', feedbackDeadline: { state: 'MET', met: true, completedOn: '2026-03-23' } });
    expect((await load(id, citizen.token)).answer).toBe('已会同交警部门在该路口设置信号灯。');

    s = (
      await mutate(
        'convertSuggestion',
        { suggestionId: id, expectedVersion: 7, kind: 'PROJECT', unitId: Buffer.from(`Unit:${fx.units.townA.id}`).toString('base64'), title: '实验小学路口信号灯项目', convertedOn: '2026-03-23', progress: 'IN_PROGRESS' },
        fx.tokens.officeStaff,
      )
    ).data.suggestion;
    expect(s).toMatchObject({ status: 'CONVERTED', conversions: [{ kind: 'PROJECT', title: '实验小学路口信号灯项目', progress: 'IN_PROGRESS' }] });

    const history = await db.select({ sequence: events.sequence, type: events.type, toStatus: events.toStatus }).from(events)
      .where(and(eq(events.streamType, 'SUGGESTION'), eq(events.streamId, dbId(id)))).orderBy(asc(events.sequence));
    expect(history.map((e) => e.type)).toEqual([
      'suggestion.submitted',
      'suggestion.assessment_started',
      'suggestion.assessor_scored',
      'suggestion.assessor_scored',
      'suggestion.assessed',
      'suggestion.adopted',
      'suggestion.answer_published',
      'suggestion.converted',
    ]);
    expect(history.map((e) => e.sequence)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // internal notes never reach the history's payload
    const payloads = await db.select({ payload: events.payload }).from(events).where(eq(events.streamId, dbId(id)));
    expect(JSON.stringify(payloads)).not.toContain('需交警部门配合');
  });

  it('declines with a reason (the feedback), and the sweep warns and breaches the feedback clock once each', async () => {
    clock = new Date('2026-03-02T02:00:00Z');
    const c = await campaign();
    const first = await idOf((await submit({ campaignId: c.id, title: '兴龙大道增设右转专用道' }, fx.tokens.officeStaff)).number);
    const second = await idOf((await submit({ campaignId: c.id, title: '人民路口延长行人绿灯' }, fx.tokens.officeStaff)).number);
    expect(await mutate('declineSuggestion', { suggestionId: first, expectedVersion: 1, reason: 'DUPLICATE', explanation: ' ' }, fx.tokens.officeStaff)).toMatchObject({ code: 'input/invalid' });
    const declined = (await mutate('declineSuggestion', { suggestionId: first, expectedVersion: 1, reason: 'DUPLICATE', explanation: '与 JY-… 号建议相同，已并入办理。' }, fx.tokens.officeStaff)).data.suggestion;
    expect(declined).toMatchObject({ status: 'DECLINED', declineReason: 'DUPLICATE', feedbackDeadline: { state: 'MET', completedOn: '2026-03-02' }, allowedActions: [] });

    const sweep = async (at: string) => {
      clock = new Date(at);
      const r = await gql(app, `mutation { runDeadlineSweep { __typename ... on MutationRunDeadlineSweepSuccess { data { suggestions { warnings breaches } } } } }`, {}, fx.tokens.admin);
      return r.data.runDeadlineSweep.data.suggestions as { warnings: number; breaches: number };
    };
    // due 2026-03-23: warning from 03-20, breach from 03-24. Other files' suggestions may be swept too,
    // so this test counts its own suggestion's events.
    const mine = async () =>
      (await db.select({ type: events.type }).from(events).where(and(eq(events.streamType, 'SUGGESTION'), eq(events.streamId, dbId(second)))).orderBy(asc(events.sequence))).map((e) => e.type);
    await sweep('2026-03-19T02:00:00Z');
    expect(await mine()).toEqual(['suggestion.submitted']);
    await sweep('2026-03-20T02:00:00Z');
    await sweep('2026-03-21T02:00:00Z');
    expect(await mine()).toEqual(['suggestion.submitted', 'suggestion.feedback_warning']);
    expect((await load(second)).overdue).toBe(false);
    await sweep('2026-03-24T02:00:00Z');
    await sweep('2026-03-24T03:00:00Z');
    expect(await mine()).toEqual(['suggestion.submitted', 'suggestion.feedback_warning', 'suggestion.feedback_breached']);
    const late = await load(second);
    expect(late).toMatchObject({ overdue: true, version: 1, feedbackDeadline: { state: 'BREACHED' } });
    // the sweep's notices did not move the version: staff acting on what they read still land
    const urgent = await mutate('markSuggestionUrgent', { suggestionId: second, expectedVersion: 1, reason: '涉及学生安全' }, fx.tokens.officeStaff);
    expect(urgent.data.suggestion).toMatchObject({ urgent: true, version: 2, feedbackDeadline: { days: 7, dueOn: '2026-03-09' } });
  });

  it('turns a personal grievance into a case through the case intake, linked', async () => {
    clock = new Date('2026-03-02T02:00:00Z');
    const id = await idOf((await submit({ unitId: Buffer.from(`Unit:${fx.units.office.id}`).toString('base64'), title: '我家拆迁补偿款没到位', contactName: '赵六', category: '征地拆迁' })).number);
    const moved = (await mutate('transferSuggestionToCase', { suggestionId: id, expectedVersion: 1 }, fx.tokens.officeStaff)).data.suggestion;
    expect(moved).toMatchObject({ status: 'TRANSFERRED_TO_CASE', feedbackDeadline: { state: 'MET' } });
    const petition = await db.query.cases.findFirst({ where: { id: moved.caseId } });
    expect(petition).toMatchObject({ kind: 'APPEAL_REQUEST', title: '我家拆迁补偿款没到位', status: 'REGISTERED' });
  });

  it('shows a suggestion to its submitter and the responsible subtree only', async () => {
    const citizen = await fx.newPetitionerAccount('钱七');
    const other = await fx.newPetitionerAccount('孙八');
    const id = await idOf((await submit({ unitId: Buffer.from(`Unit:${fx.units.townA.id}`).toString('base64') }, citizen.token)).number);
    expect((await load(id, citizen.token))?.status).toBe('SUBMITTED');
    expect((await load(id, fx.tokens.townAStaff))?.status).toBe('SUBMITTED');
    expect(await load(id, other.token)).toBeNull();
    expect(await load(id, fx.tokens.townBStaff)).toBeNull();
    expect(await mutate('withdrawSuggestion', { suggestionId: id, expectedVersion: 1 }, other.token)).toMatchObject({ code: 'suggestion/not-found' });
    const withdrawn = await mutate('withdrawSuggestion', { suggestionId: id, expectedVersion: 1 }, citizen.token);
    expect(withdrawn.data.suggestion).toMatchObject({ status: 'WITHDRAWN', feedbackDeadline: { state: 'LAPSED' } });
  });
});
