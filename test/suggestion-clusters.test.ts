import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { testApp } from './support/app';
import { dbIdOf, suggestionApi } from './support/suggestions';
import type { Database } from '../db/client';
import { events, suggestionAssessorPool } from '../db/schema';
import type { App } from '../schema/yoga';

let db: Database;
let fx: Fixture;
let app: App;
let clock = new Date('2026-03-02T02:00:00Z'); // Monday
const api = suggestionApi(() => app, () => fx, () => db);
const at = (iso: string) => (clock = new Date(iso));

const CLUSTER = 'cluster { id version status allowedActions answer members { id number status version endorsementCount answer feedbackDeadline { dueOn state completedOn } } }';
const SUGGESTION = 'id version status allowedActions endorsementCount answer cluster { id } assessments { assessor { id } valueScore } feedbackDeadline { dueOn state completedOn met }';

beforeAll(async () => {
  db = (await testDatabase()).db;
  fx = await buildFixture(db);
  app = testApp(db, { now: () => clock });
  await db.insert(suggestionAssessorPool).values([{ unitId: fx.units.county.id, accountId: fx.actors.officeLeader.accountId }]);
});

describe('clusters (并案办理、分别答复)', () => {
  it('handles a cluster once, each member with its own event in one transaction, its own answer, clock and endorsements', async () => {
    at('2026-03-02T02:00:00Z');
    const c = await api.campaign({ endorsementThreshold: 10, categories: ['交通出行', '教育'] });
    const [pa, pb, pc, e1, e2] = await Promise.all(['甲', '乙', '丙', '丁', '戊'].map((n) => fx.newPetitionerAccount(`市民${n}`)));
    const a = await api.submit({ campaignId: c.id, title: '实验小学门口增设红绿灯', content: '实验小学门口路口车多，孩子过马路很危险，建议安装红绿灯。' }, pa.token);
    at('2026-03-04T02:00:00Z');
    const b = await api.submit({ campaignId: c.id, title: '实验小学路口装红绿灯', content: '实验小学门口路口孩子过马路很危险，车多，建议装个红绿灯。' }, pb.token);
    const cc = await api.submit({ campaignId: c.id, title: '实验小学门口要有红绿灯', content: '实验小学门口车多，孩子过马路危险，建议安装红绿灯和斑马线。' }, pc.token);
    const other = await api.submit({ campaignId: c.id, category: '教育', title: '实验小学增设课后托管', content: '双职工家庭放学后无人接送，建议实验小学开设课后托管服务。' }, pa.token);

    // the assessor's queue proposes the similar ones
    const similar = await api.load(a.id, 'similarSuggestions { suggestionId }');
    expect(similar.similarSuggestions.map((s: { suggestionId: string }) => s.suggestionId).sort()).toEqual([b.id, cc.id].sort());

    // endorsements before clustering
    for (const s of [a, b]) await api.mutate('makeSuggestionPublic', { suggestionId: s.id, expectedVersion: 1 }, fx.tokens.officeStaff);
    for (const p of [e1, e2]) await api.mutate('endorseSuggestion', { number: a.number }, p.token, 'endorsementCount', 'SuggestionEndorsement');
    await api.mutate('endorseSuggestion', { number: b.number }, e1.token, 'endorsementCount', 'SuggestionEndorsement');

    const create = (members: { id: string; v: number }[], title = '实验小学门口红绿灯') =>
      api.mutate('createSuggestionCluster', { title, members: members.map((m) => ({ suggestionId: m.id, expectedVersion: m.v })) }, fx.tokens.officeStaff, CLUSTER);
    expect(await create([{ id: a.id, v: 2 }])).toMatchObject({ code: 'suggestion/cluster-too-small' });
    expect(await create([{ id: a.id, v: 2 }, { id: other.id, v: 1 }])).toMatchObject({ code: 'suggestion/cluster-mismatch' });
    expect(await create([{ id: a.id, v: 1 }, { id: b.id, v: 2 }])).toMatchObject({ code: 'suggestion/version-conflict', currentVersion: 2 });
    expect(await api.mutate('createSuggestionCluster', { title: '越权并案', members: [{ suggestionId: a.id, expectedVersion: 2 }, { suggestionId: b.id, expectedVersion: 2 }] }, fx.tokens.townBStaff, CLUSTER)).toMatchObject({ code: 'suggestion/not-found' });
    const created = await create([{ id: a.id, v: 2 }, { id: b.id, v: 2 }, { id: cc.id, v: 1 }]);
    let cluster = created.data.cluster;
    expect(cluster).toMatchObject({ version: 1, status: 'SUBMITTED', allowedActions: ['startAssessment', 'joinCluster', 'leaveCluster'] });
    expect(cluster.members.map((m: { id: string }) => m.id)).toEqual([a.id, b.id, cc.id]);
    // a second cluster cannot take a member of the first
    expect(await create([{ id: a.id, v: 3 }, { id: other.id, v: 1 }])).toMatchObject({ code: 'suggestion/already-clustered' });

    // a clustered suggestion is not assessed or declined alone
    const alone = await api.load(a.id, SUGGESTION);
    expect(alone.allowedActions).toEqual(['markUrgent', 'leaveCluster']);
    expect(await api.mutate('startSuggestionAssessment', { suggestionId: a.id, expectedVersion: 3 }, fx.tokens.officeStaff)).toMatchObject({ code: 'suggestion/clustered' });
    expect(await api.mutate('declineSuggestion', { suggestionId: b.id, expectedVersion: 3, reason: 'DUPLICATE', explanation: '重复' }, fx.tokens.officeStaff)).toMatchObject({ code: 'suggestion/clustered' });

    // one assessment for the whole cluster: one draw, one score per assessor, recorded on every member
    const clusterAction = (name: string, input: Record<string, unknown>, token = fx.tokens.officeStaff) => api.mutate(name, { clusterId: cluster.id, ...input }, token, CLUSTER);
    expect(await clusterAction('startSuggestionClusterAssessment', { expectedVersion: 0 })).toMatchObject({ code: 'suggestion-cluster/version-conflict', currentVersion: 1 });
    cluster = (await clusterAction('startSuggestionClusterAssessment', { expectedVersion: 1 })).data.cluster;
    expect(cluster).toMatchObject({ version: 2, status: 'UNDER_ASSESSMENT' });
    cluster = (await clusterAction('recordSuggestionClusterAssessment', { expectedVersion: 2, valueScore: 5, feasibilityScore: 4, notes: '需交警配合' }, fx.tokens.officeLeader)).data.cluster;
    cluster = (await clusterAction('completeSuggestionClusterAssessment', { expectedVersion: 3 })).data.cluster;
    expect(cluster).toMatchObject({ version: 4, status: 'ASSESSED', allowedActions: ['joinCluster', 'leaveCluster'] });
    for (const s of [a, b, cc]) {
      const m = await api.load(s.id, SUGGESTION);
      expect(m.assessments).toEqual([{ assessor: { id: expect.any(String) }, valueScore: 5 }]);
    }

    // the submitter of one member withdraws it: it stays in the cluster's history but is no longer handled with it
    at('2026-03-10T02:00:00Z');
    const withdrawn = await api.mutate('withdrawSuggestion', { suggestionId: cc.id, expectedVersion: 5 }, pc.token, 'suggestion { status }');
    expect(withdrawn.data.suggestion.status).toBe('WITHDRAWN');
    // A moves on alone (not cluster-bound): its last event is now later than B's
    at('2026-03-11T02:00:00Z');
    expect((await api.mutate('markSuggestionUrgent', { suggestionId: a.id, expectedVersion: 6, reason: '涉及学生安全' }, fx.tokens.officeStaff)).data.suggestion).toMatchObject({ version: 7 });

    // nothing half-written: a decision back-dated before A's last step fails for A, so B is not decided either
    at('2026-03-12T02:00:00Z');
    const decide = (input: Record<string, unknown>, token = fx.tokens.officeLeader) =>
      clusterAction('decideSuggestionCluster', { expectedVersion: 4, result: 'ADOPTED', answer: '已在实验小学门口设置信号灯。', publish: true, ...input }, token);
    expect(await decide({}, fx.tokens.officeStaff)).toMatchObject({ code: 'auth/forbidden' });
    expect(await decide({ occurredAt: '2026-03-10T12:00:00Z' })).toMatchObject({ code: 'input/invalid' });
    expect((await api.load(b.id, SUGGESTION)).status).toBe('ASSESSED');
    expect(await decide({ replies: [{ suggestionId: other.id, answer: '另行答复' }] })).toMatchObject({ code: 'suggestion/reply-not-member' });

    // 分别答复: B's submitter gets a reply of its own, A the cluster's answer
    cluster = (await decide({ replies: [{ suggestionId: b.id, answer: '您建议的信号灯已设置，斑马线将于下月施划。' }] })).data.cluster;
    expect(cluster).toMatchObject({ version: 5, answer: '已在实验小学门口设置信号灯。', status: 'ADOPTED' });
    const [ma, mb, mc] = await Promise.all([a, b, cc].map((s) => api.load(s.id, SUGGESTION)));
    expect(ma).toMatchObject({ status: 'ADOPTED', answer: '已在实验小学门口设置信号灯。', endorsementCount: 2, feedbackDeadline: { dueOn: '2026-03-09', state: 'MISSED', completedOn: '2026-03-12', met: false } });
    expect(mb).toMatchObject({ status: 'ADOPTED', answer: '您建议的信号灯已设置，斑马线将于下月施划。', endorsementCount: 1, feedbackDeadline: { dueOn: '2026-03-24', state: 'MET', completedOn: '2026-03-12', met: true } });
    expect(mc).toMatchObject({ status: 'WITHDRAWN', answer: null, endorsementCount: 0, feedbackDeadline: { state: 'LAPSED' } });

    // each member's own stream has its own decision event naming the cluster, all written by one transaction
    const decided = await db
      .select({ streamId: events.streamId, txId: events.txId, payload: events.payload })
      .from(events)
      .where(and(eq(events.streamType, 'SUGGESTION'), eq(events.type, 'suggestion.adopted'), inArray(events.streamId, [a, b, cc].map((s) => dbIdOf(s.id)))));
    expect(decided.map((e) => e.streamId).sort()).toEqual([a, b].map((s) => dbIdOf(s.id)).sort());
    expect(new Set(decided.map((e) => String(e.txId))).size).toBe(1);
    expect(decided.every((e) => e.payload.clusterId === dbIdOf(cluster.id))).toBe(true);
    const aTypes = (await api.history(a.id)).map((h) => h.type);
    expect(aTypes).toEqual([
      'suggestion.submitted',
      'suggestion.made_public',
      'suggestion.endorsed',
      'suggestion.endorsed',
      'suggestion.clustered',
      'suggestion.assessment_started',
      'suggestion.assessor_scored',
      'suggestion.assessed',
      'suggestion.marked_urgent',
      'suggestion.adopted',
    ]);
    // the endorsement counts stayed where they were given: never summed, never moved
    expect(cluster.members.map((m: { endorsementCount: number }) => m.endorsementCount)).toEqual([2, 1, 0]);
  });

  it('takes a member out to handle it alone; membership changes bump the cluster’s version', async () => {
    at('2026-03-02T02:00:00Z');
    const c = await api.campaign();
    const x = await api.submit({ campaignId: c.id, title: '兴龙大道增设右转专用道' }, fx.tokens.officeStaff);
    const y = await api.submit({ campaignId: c.id, title: '兴龙大道右转车道' }, fx.tokens.officeStaff);
    const z = await api.submit({ campaignId: c.id, title: '兴龙大道右转车道拥堵' }, fx.tokens.officeStaff);
    let cluster = (await api.mutate('createSuggestionCluster', { title: '兴龙大道右转', members: [{ suggestionId: x.id, expectedVersion: 1 }, { suggestionId: y.id, expectedVersion: 1 }] }, fx.tokens.officeStaff, CLUSTER)).data.cluster;
    cluster = (await api.mutate('addSuggestionToCluster', { clusterId: cluster.id, expectedVersion: 1, member: { suggestionId: z.id, expectedVersion: 1 } }, fx.tokens.officeStaff, CLUSTER)).data.cluster;
    expect(cluster.version).toBe(2);
    expect(cluster.members).toHaveLength(3);
    cluster = (await api.mutate('removeSuggestionFromCluster', { clusterId: cluster.id, expectedVersion: 2, member: { suggestionId: y.id, expectedVersion: 2 }, note: '属个人诉求' }, fx.tokens.officeStaff, CLUSTER)).data.cluster;
    expect(cluster).toMatchObject({ version: 3, members: [{ id: x.id }, { id: z.id }] });
    const declined = await api.mutate('declineSuggestion', { suggestionId: y.id, expectedVersion: 3, reason: 'PERSONAL_GRIEVANCE', explanation: '请通过信访渠道反映。' }, fx.tokens.officeStaff, 'suggestion { status cluster { id } }');
    expect(declined.data.suggestion).toEqual({ status: 'DECLINED', cluster: null });
    // a member at another step cannot join: a cluster moves as one
    cluster = (await api.mutate('startSuggestionClusterAssessment', { clusterId: cluster.id, expectedVersion: 3 }, fx.tokens.officeStaff, CLUSTER)).data.cluster;
    const late = await api.submit({ campaignId: c.id, title: '兴龙大道右转车道太短' }, fx.tokens.officeStaff);
    expect(await api.mutate('addSuggestionToCluster', { clusterId: cluster.id, expectedVersion: 4, member: { suggestionId: late.id, expectedVersion: 1 } }, fx.tokens.officeStaff, CLUSTER)).toMatchObject({
      code: 'suggestion/cluster-not-uniform',
    });
    expect((await api.history(y.id)).map((h) => h.type)).toEqual(['suggestion.submitted', 'suggestion.clustered', 'suggestion.unclustered', 'suggestion.declined']);
  });
});
