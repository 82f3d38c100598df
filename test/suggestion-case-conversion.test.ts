import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { gql, testApp } from './support/app';
import { dbId, registerCase } from './support/cases';
import { mutationRunner } from './support/mediation';
import type { Database } from '../db/client';
import { events, suggestions } from '../db/schema';
import type { App } from '../schema/yoga';
import { fake, masked } from './support/seed';

let db: Database;
let fx: Fixture;
let app: App;
const clock = new Date('2026-03-02T02:00:00Z'); // Monday 10:00 in China

const mutate = mutationRunner(`... on InvalidTransitionError { allowedActions } ... on VersionConflictError { currentVersion }`);
const CONVERTED = `replayed case { id status continuedAsSuggestion { id number } } suggestion { id number status channel category title content receivedOn contactName contactMobile sourceCase { id number } unit { name } }`;

beforeAll(async () => {
  db = (await testDatabase()).db;
  fx = await buildFixture(db);
  app = testApp(db, { now: () => clock });
});

const historyOf = (streamType: 'CASE' | 'SUGGESTION', id: string) =>
  db.select({ sequence: events.sequence, type: events.type, payload: events.payload }).from(events).where(and(eq(events.streamType, streamType), eq(events.streamId, id))).orderBy(events.sequence);

describe('from petitions to suggestions and back', () => {
  it('convertCaseToSuggestion: a SUGGESTION-kind case becomes a suggestion, linked both ways, the case closed with one event; a retry answers the same', async () => {
    const person = fake().person();
    const c = await registerCase(app, fx, { kind: 'SUGGESTION', category: '交通出行', title: '建议在实验小学门口增设红绿灯', content: '实验小学门口路口车多，孩子过马路很危险，建议安装信号灯。', receivedOn: '2026-03-02', petitioners: [person] });
    const r = await mutate(app, 'convertCaseToSuggestion', { caseId: c.id, expectedVersion: c.version, note: '属建议意见，转人民建议征集办理' }, fx.tokens.officeStaff, CONVERTED);
    expect(r.__typename).toBe('MutationConvertCaseToSuggestionSuccess');
    expect(r.replayed).toBe(false);
    expect(r.case).toMatchObject({ id: c.id, status: 'CLOSED', continuedAsSuggestion: { id: r.suggestion.id, number: r.suggestion.number } });
    expect(r.suggestion).toMatchObject({
      status: 'SUBMITTED',
      channel: 'VISIT',
      category: '交通出行',
      title: '建议在实验小学门口增设红绿灯',
      receivedOn: '2026-03-02',
      // the primary petitioner is the contact, shown masked
      contactName: masked.name(person.name),
      contactMobile: masked.mobile(person.mobile),
      sourceCase: { id: c.id, number: c.number },
      unit: { name: '测试县信访局' },
    });
    expect(r.suggestion.content).toBe(`实验小学门口路口车多，孩子过马路很危险，建议安装信号灯。\n（由信访事项 ${c.number} 转入人民建议征集）`);
    // One event on each stream, each naming the other.
    const caseHistory = await historyOf('CASE', dbId(c.id));
    expect(caseHistory.map((e) => e.type)).toEqual(['case.registered', 'case.continued_as_suggestion']);
    expect(caseHistory[1].payload).toEqual({ suggestionId: dbId(r.suggestion.id), suggestionNumber: r.suggestion.number, campaignId: null, note: '属建议意见，转人民建议征集办理' });
    const suggestionHistory = await historyOf('SUGGESTION', dbId(r.suggestion.id));
    expect(suggestionHistory.map((e) => [e.sequence, e.type])).toEqual([[1, 'suggestion.submitted']]);
    expect(suggestionHistory[0].payload).toMatchObject({ sourceCaseId: dbId(c.id) });
    // The case's clocks have stopped: nothing is due any more.
    const read = await gql(app, `query($id: ID!) { node(id: $id) { ... on Case { nextDueOn overdue allowedActions } } }`, { id: c.id }, fx.tokens.officeStaff);
    expect(read.data.node).toMatchObject({ nextDueOn: null, overdue: false });
    expect(read.data.node.allowedActions).not.toContain('convertCaseToSuggestion');

    for (const expectedVersion of [c.version, c.version + 1]) {
      const again = await mutate(app, 'convertCaseToSuggestion', { caseId: c.id, expectedVersion }, fx.tokens.officeStaff, 'replayed suggestion { id }');
      expect(again).toMatchObject({ replayed: true, suggestion: { id: r.suggestion.id } });
    }
    expect(await db.$count(suggestions, eq(suggestions.sourceCaseId, dbId(c.id)))).toBe(1);
    expect((await historyOf('CASE', dbId(c.id))).length).toBe(2);
  });

  it('refuses other kinds of case, other units’ cases and decided cases, writing nothing', async () => {
    const appeal = await registerCase(app, fx, { receivedOn: '2026-03-02' });
    const wrongKind = await mutate(app, 'convertCaseToSuggestion', { caseId: appeal.id, expectedVersion: appeal.version }, fx.tokens.officeStaff, 'replayed');
    expect(wrongKind).toMatchObject({ __typename: 'SuggestionRuleError', code: 'suggestion/case-not-suggestion', message: '只有建议意见类信访事项可以转入人民建议征集' });
    const s = await registerCase(app, fx, { kind: 'SUGGESTION', category: '城市管理', title: '建议增设公共厕所', content: '老城区公共厕所太少，建议增设几处。', receivedOn: '2026-03-02' });
    const neighbour = await mutate(app, 'convertCaseToSuggestion', { caseId: s.id, expectedVersion: s.version }, fx.tokens.townBStaff, 'replayed');
    expect(neighbour.__typename).toBe('NotFoundError');
    const accepted = await mutate(app, 'acceptCase', { caseId: s.id, expectedVersion: s.version }, fx.tokens.officeStaff, 'case { version }');
    const decided = await mutate(app, 'decideCase', { caseId: s.id, expectedVersion: accepted.case.version, outcome: 'EXPLAINED', summary: '已答复', resolved: true }, fx.tokens.officeStaff, 'case { version }');
    const late = await mutate(app, 'convertCaseToSuggestion', { caseId: s.id, expectedVersion: decided.case.version }, fx.tokens.officeStaff, 'replayed');
    expect(late).toMatchObject({ __typename: 'InvalidTransitionError', code: 'case/invalid-transition' });
    expect(await db.$count(suggestions, eq(suggestions.sourceCaseId, dbId(appeal.id)))).toBe(0);
    expect(await db.$count(suggestions, eq(suggestions.sourceCaseId, dbId(s.id)))).toBe(0);
  });

  it('transferSuggestionToCase: a personal grievance becomes a case, linked both ways, the case’s first event naming the suggestion', async () => {
    const submitted = await gql(
      app,
      `mutation($input: SubmitSuggestionInput!) { submitSuggestion(input: $input) { __typename ... on MutationSubmitSuggestionSuccess { data { number } } ... on Error { code message } } }`,
      { input: { unitId: Buffer.from(`Unit:${fx.units.office.id}`).toString('base64'), title: '小区物业乱收费', content: '我家所在小区物业多收了我家两年的停车费，请求退还。', category: '物业管理', channel: 'PHONE', contactName: '李四', contactMobile: '13912345678' } },
      fx.tokens.officeStaff,
    );
    const row = (await db.query.suggestions.findFirst({ where: { number: submitted.data.submitSuggestion.data.number } }))!;
    const id = Buffer.from(`Suggestion:${row.id}`).toString('base64');
    const moved = await mutate(app, 'transferSuggestionToCase', { suggestionId: id, expectedVersion: row.version }, fx.tokens.officeStaff, 'suggestion { id status resultingCase { id kind title originSuggestion { id } } }');
    expect(moved.suggestion).toMatchObject({ status: 'TRANSFERRED_TO_CASE', resultingCase: { kind: 'APPEAL_REQUEST', title: '小区物业乱收费', originSuggestion: { id } } });
    const caseHistory = await historyOf('CASE', dbId(moved.suggestion.resultingCase.id));
    expect(caseHistory.map((e) => e.type)).toEqual(['case.registered']);
    expect(caseHistory[0].payload).toMatchObject({ origin: { type: 'SUGGESTION', id: row.id } });
    expect((await historyOf('SUGGESTION', row.id)).map((e) => e.type)).toEqual(['suggestion.submitted', 'suggestion.transferred_to_case']);
  });
});
