import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import {
  buildClientSchema,
  getIntrospectionQuery,
  getNamedType,
  isObjectType,
  isScalarType,
  isEnumType,
  isNonNullType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { gql, testApp } from './support/app';
import { globalId, suggestionApi } from './support/suggestions';
import type { Database } from '../db/client';
import { petitioners, suggestionAssessorPool } from '../db/schema';
import type { App } from '../schema/yoga';

let db: Database;
let fx: Fixture;
let app: App;
let clock = new Date('2026-03-02T02:00:00Z');
const api = suggestionApi(() => app, () => fx, () => db);
const at = (iso: string) => (clock = new Date(iso));

/** The suggestions of this file, with the personal data each carries. */
const s: Record<string, { number: string; queryCode: string; id: string }> = {};
let campaignId = '';
let otherCampaignId = '';
let tiers: Record<'year' | 'campaign', string> = { year: '', campaign: '' };
let p1: Awaited<ReturnType<Fixture['newPetitionerAccount']>>;
let p2: Awaited<ReturnType<Fixture['newPetitionerAccount']>>;
const NOTES = '内部意见：此人曾多次到省上访';
const ADDRESS = '重庆市永川区人民大道88号3单元';
const UNLAWFUL = '不该公开的违法内容甲乙丙';

const decide = (id: string, v: number, publish: boolean, answer = '已会同交警部门在该路口设置信号灯。') =>
  api.mutate('decideSuggestion', { suggestionId: id, expectedVersion: v, result: 'ADOPTED', answer, publish }, fx.tokens.officeLeader, 'suggestion { version status }');
async function assess(id: string, v: number) {
  await api.mutate('startSuggestionAssessment', { suggestionId: id, expectedVersion: v }, fx.tokens.officeStaff);
  await api.mutate('recordSuggestionAssessment', { suggestionId: id, expectedVersion: v + 1, valueScore: 5, feasibilityScore: 4, notes: NOTES }, fx.tokens.officeLeader);
  await api.mutate('completeSuggestionAssessment', { suggestionId: id, expectedVersion: v + 2 }, fx.tokens.officeStaff);
  return v + 3;
}

beforeAll(async () => {
  db = (await testDatabase()).db;
  fx = await buildFixture(db);
  app = testApp(db, { now: () => clock });
  await db.insert(suggestionAssessorPool).values([{ unitId: fx.units.county.id, accountId: fx.actors.officeLeader.accountId }]);
  p1 = await fx.newPetitionerAccount('欧阳明月');
  p2 = await fx.newPetitionerAccount('司马青云');
  await db.update(petitioners).set({ address: ADDRESS }).where(eq(petitioners.id, p1.petitionerId));

  at('2026-03-02T02:00:00Z');
  campaignId = (await api.campaign({ title: '城市交通金点子征集（公开测试）', endorsementThreshold: 2 })).id;
  otherCampaignId = (await api.campaign({ title: '另一次征集（公开测试）' })).id;
  s.adopted = await api.submit(
    { campaignId, contactName: '欧阳明月', contactMobile: '13912345678', content: '我叫欧阳明月，电话13912345678，身份证' + p1.identityNumber + '。实验小学门口车多，建议安装红绿灯。' },
    p1.token,
  );
  s.consented = await api.submit({ campaignId, title: '人民路口延长行人绿灯', content: '人民路口行人绿灯只有15秒，老人走不过去，建议延长到30秒。', publicNameConsent: true }, p2.token);
  s.anonymous = await api.submit({ campaignId, title: '兴龙大道增设右转专用道', content: '兴龙大道早高峰右转车辆排队很长，建议增设右转专用道。', contactName: '张三丰', contactMobile: '13698765432' });
  s.held = await api.submit({ campaignId, channel: 'LETTER', title: '红河路增设非机动车道', content: '来信反映红河路电动车与汽车混行，建议划设非机动车道。', contactName: '李四光', contactMobile: '13566667777' }, fx.tokens.officeStaff);
  s.declined = await api.submit({ campaignId, title: UNLAWFUL, content: `${UNLAWFUL}，此处省略若干违法言论内容。` }, p1.token);
  s.open = await api.submit({ unitId: globalId('Unit', fx.units.office.id), title: '中山路增设公共厕所', content: '中山路商业街人流大，附近没有公共厕所，建议增设。', category: '城市管理' }, p2.token);

  // adopted and published, converted; consented: adopted, held, then published; held: decided, answer held
  let v = await assess(s.adopted.id, 1);
  await decide(s.adopted.id, v, true, '经研究采纳欧阳明月同志的建议，已设置信号灯。');
  await api.mutate(
    'convertSuggestion',
    { suggestionId: s.adopted.id, expectedVersion: v + 1, kind: 'PROJECT', unitId: globalId('Unit', fx.units.townA.id), title: '实验小学路口信号灯项目', convertedOn: '2026-03-02', link: 'https://example.gov.cn/xm/1', progress: 'IN_PROGRESS' },
    fx.tokens.officeStaff,
  );
  v = await assess(s.consented.id, 1);
  await decide(s.consented.id, v, false, '采纳，已调整配时。');
  await api.mutate('publishSuggestionAnswer', { suggestionId: s.consented.id, expectedVersion: v + 1 }, fx.tokens.officeStaff);
  v = await assess(s.held.id, 1);
  await decide(s.held.id, v, false, '内部暂存的答复，不应公开');
  await api.mutate('makeSuggestionPublic', { suggestionId: s.anonymous.id, expectedVersion: 1 }, fx.tokens.officeStaff);
  await api.mutate('endorseSuggestion', { number: s.anonymous.number }, p2.token, 'endorsementCount', 'SuggestionEndorsement');
  await api.mutate('makeSuggestionPublic', { suggestionId: s.declined.id, expectedVersion: 1 }, fx.tokens.officeStaff);
  await api.mutate('declineSuggestion', { suggestionId: s.declined.id, expectedVersion: 2, reason: 'UNLAWFUL_CONTENT', explanation: '内容违反法律法规，不予办理。' }, fx.tokens.officeStaff);
  await api.mutate('makeSuggestionPublic', { suggestionId: s.open.id, expectedVersion: 1 }, fx.tokens.officeStaff);
});

const TIER = 'tier { id name year quota awarded }';
const createTier = (input: Record<string, unknown>, token = fx.tokens.officeStaff) => api.mutate('createSuggestionAwardTier', input, token, TIER);
const NOMINATIONS = 'suggestion { version nominations { id status reason tier { name } decidedOn } }';

describe('rewards and commendation', () => {
  it('tiers per year or campaign; nomination → panel decision → award record, within the places', async () => {
    at('2026-03-20T02:00:00Z');
    expect(await createTier({ name: '年度金点子一等奖', rank: 1, quota: 1 })).toMatchObject({ code: 'input/invalid' });
    expect(await createTier({ name: '年度金点子一等奖', rank: 1, quota: 1, year: 2026, campaignId })).toMatchObject({ code: 'input/invalid' });
    expect(await createTier({ name: '年度金点子一等奖', rank: 1, quota: 1, year: 2026 }, p1.token)).toMatchObject({ code: 'auth/forbidden' });
    tiers.year = (await createTier({ name: '年度金点子一等奖', rank: 1, quota: 1, year: 2026, prize: '荣誉证书及奖金 2000 元' })).data.tier.id;
    tiers.campaign = (await createTier({ name: '本次征集优秀建议', rank: 2, quota: 5, campaignId })).data.tier.id;
    const otherTier = (await createTier({ name: '另一次征集优秀建议', rank: 2, quota: 5, campaignId: otherCampaignId })).data.tier.id;

    const adopted = await api.load(s.adopted.id, 'version');
    // only what was taken up, only for a tier that applies, only by staff of the responsible subtree
    expect(await api.mutate('nominateSuggestion', { suggestionId: s.anonymous.id, expectedVersion: 2, tierId: tiers.year, reason: '群众认可' }, fx.tokens.officeStaff)).toMatchObject({ code: 'suggestion/invalid-transition' });
    expect(await api.mutate('nominateSuggestion', { suggestionId: s.adopted.id, expectedVersion: adopted.version, tierId: otherTier, reason: '效果好' }, fx.tokens.officeStaff)).toMatchObject({ code: 'suggestion/tier-not-applicable' });
    expect(await api.mutate('nominateSuggestion', { suggestionId: s.adopted.id, expectedVersion: adopted.version, tierId: tiers.year, reason: '效果好' }, fx.tokens.townBStaff)).toMatchObject({ code: 'suggestion/not-found' });
    let r = await api.mutate('nominateSuggestion', { suggestionId: s.adopted.id, expectedVersion: adopted.version, tierId: tiers.year, reason: '解决了学生过街安全问题' }, fx.tokens.officeStaff, NOMINATIONS);
    expect(r.data.suggestion.nominations).toEqual([{ id: expect.any(String), status: 'NOMINATED', reason: '解决了学生过街安全问题', tier: { name: '年度金点子一等奖' }, decidedOn: null }]);
    expect(await api.mutate('nominateSuggestion', { suggestionId: s.adopted.id, expectedVersion: adopted.version + 1, tierId: tiers.year, reason: '再推' }, fx.tokens.officeStaff)).toMatchObject({ code: 'suggestion/already-nominated' });
    const nominationId = r.data.suggestion.nominations[0].id;

    // the panel: a leader of the tier's unit or above
    expect(await api.mutate('decideSuggestionAward', { suggestionId: s.adopted.id, expectedVersion: adopted.version + 1, nominationId, award: true }, fx.tokens.officeStaff)).toMatchObject({ code: 'auth/forbidden' });
    expect(await api.mutate('decideSuggestionAward', { suggestionId: s.adopted.id, expectedVersion: adopted.version + 1, nominationId: 'not-a-uuid', award: true }, fx.tokens.officeLeader)).toMatchObject({ code: 'suggestion/nomination-not-found' });
    r = await api.mutate('decideSuggestionAward', { suggestionId: s.adopted.id, expectedVersion: adopted.version + 1, nominationId, award: true, panelNote: '评审一致通过' }, fx.tokens.officeLeader, NOMINATIONS);
    expect(r.data.suggestion.nominations[0]).toMatchObject({ status: 'AWARDED', decidedOn: '2026-03-20' });
    expect(await api.mutate('decideSuggestionAward', { suggestionId: s.adopted.id, expectedVersion: adopted.version + 2, nominationId, award: false }, fx.tokens.officeLeader)).toMatchObject({ code: 'suggestion/nomination-not-found' });

    // the year's one place is taken
    const consented = await api.load(s.consented.id, 'version');
    r = await api.mutate('nominateSuggestion', { suggestionId: s.consented.id, expectedVersion: consented.version, tierId: tiers.year, reason: '惠及老人' }, fx.tokens.officeStaff, NOMINATIONS);
    const second = r.data.suggestion.nominations[0].id;
    expect(await api.mutate('decideSuggestionAward', { suggestionId: s.consented.id, expectedVersion: consented.version + 1, nominationId: second, award: true }, fx.tokens.officeLeader)).toMatchObject({
      code: 'suggestion/tier-full',
      message: '“年度金点子一等奖”名额已满（1 个）',
    });
    await api.mutate('decideSuggestionAward', { suggestionId: s.consented.id, expectedVersion: consented.version + 1, nominationId: second, award: false, panelNote: '名额已满' }, fx.tokens.officeLeader);
    r = await api.mutate('nominateSuggestion', { suggestionId: s.consented.id, expectedVersion: consented.version + 2, tierId: tiers.campaign, reason: '惠及老人' }, fx.tokens.officeStaff, NOMINATIONS);
    await api.mutate('decideSuggestionAward', { suggestionId: s.consented.id, expectedVersion: consented.version + 3, nominationId: r.data.suggestion.nominations[1].id, award: true }, fx.tokens.officeLeader);

    const types = (await api.history(s.consented.id)).map((h) => h.type).slice(-4);
    expect(types).toEqual(['suggestion.nominated', 'suggestion.award_decided', 'suggestion.nominated', 'suggestion.award_decided']);
    const tierList = await gql(app, '{ suggestionAwardTiers { name awarded quota } }', {}, fx.tokens.officeStaff);
    expect(tierList.data.suggestionAwardTiers).toEqual(expect.arrayContaining([{ name: '年度金点子一等奖', awarded: 1, quota: 1 }, { name: '本次征集优秀建议', awarded: 1, quota: 5 }]));
  });

  it('lists awarded suggestions publicly, with the name only where the submitter agreed', async () => {
    const byYear = await gql(app, '{ awardedSuggestions(year: 2026) { number submitterName awards { tierName rank prize awardedOn } } }');
    const mine = byYear.data.awardedSuggestions.filter((a: { number: string }) => a.number === s.adopted.number);
    expect(mine).toEqual([{ number: s.adopted.number, submitterName: null, awards: [{ tierName: '年度金点子一等奖', rank: 1, prize: '荣誉证书及奖金 2000 元', awardedOn: '2026-03-20' }] }]);
    const byCampaign = await gql(app, 'query($c: ID) { awardedSuggestions(campaignId: $c) { number submitterName awards { tierName } } }', { c: campaignId });
    expect(byCampaign.data.awardedSuggestions).toEqual([{ number: s.consented.number, submitterName: '司马青云', awards: [{ tierName: '本次征集优秀建议' }] }]);
  });
});

describe('public queries (no token)', () => {
  it('shows open campaigns, public suggestions with published answers and conversions, and hides the rest', async () => {
    const campaigns = await gql(app, '{ openSuggestionCampaigns { id title unitName endorsementThreshold } }');
    expect(campaigns.data.openSuggestionCampaigns).toEqual(expect.arrayContaining([{ id: campaignId, title: '城市交通金点子征集（公开测试）', unitName: '测试县信访局', endorsementThreshold: 2 }]));

    const list = await gql(app, 'query($c: ID) { publicSuggestions(campaignId: $c, first: 50) { totalCount nodes { number title status answer conversions { title progress link } endorsementCount } } }', { c: campaignId });
    const nodes = list.data.publicSuggestions.nodes as { number: string; title: string; status: string; answer: string | null; conversions: unknown[]; endorsementCount: number }[];
    expect(nodes.map((n) => n.number).sort()).toEqual([s.adopted.number, s.consented.number, s.anonymous.number].sort());
    expect(list.data.publicSuggestions.totalCount).toBe(3);
    const adopted = nodes.find((n) => n.number === s.adopted.number)!;
    expect(adopted).toMatchObject({ status: 'CONVERTED', answer: '经研究采纳欧阳**同志的建议，已设置信号灯。', conversions: [{ title: '实验小学路口信号灯项目', progress: 'IN_PROGRESS', link: 'https://example.gov.cn/xm/1' }] });
    expect(nodes.find((n) => n.number === s.anonymous.number)).toMatchObject({ status: 'SUBMITTED', answer: null, endorsementCount: 1 });

    const answered = await gql(app, 'query($c: ID) { publicSuggestions(campaignId: $c, answered: false) { nodes { number } } }', { c: campaignId });
    expect(answered.data.publicSuggestions.nodes).toEqual([{ number: s.anonymous.number }]);
    // a declined one is never public, whatever it was before
    expect((await gql(app, 'query($n: String!) { publicSuggestion(number: $n) { title } }', { n: s.declined.number })).errors?.[0].extensions?.code).toBe('suggestion/not-found');
    expect((await gql(app, 'query($n: String!) { publicSuggestion(number: $n) { title } }', { n: s.held.number })).errors?.[0].extensions?.code).toBe('suggestion/not-found');
    const open = await gql(app, 'query($n: String!) { publicSuggestion(number: $n) { title campaignTitle endorsedByMe } }', { n: s.open.number });
    expect(open.data.publicSuggestion).toEqual({ title: '中山路增设公共厕所', campaignTitle: null, endorsedByMe: null });
    const mine = await gql(app, 'query($n: String!) { publicSuggestion(number: $n) { endorsedByMe } }', { n: s.anonymous.number }, p2.token);
    expect(mine.data.publicSuggestion.endorsedByMe).toBe(true);
  });

  it('looks a suggestion up by number and query code: its steps and feedback, a held decision still hidden', async () => {
    const LOOKUP = 'query($n: String!, $q: String!) { suggestionStatus(number: $n, queryCode: $q) { suggestion { status answer } feedbackDueOn declineReason declineExplanation timeline { status label } } }';
    const held = await gql(app, LOOKUP, { n: s.held.number, q: s.held.queryCode });
    expect(held.data.suggestionStatus).toMatchObject({ suggestion: { status: 'ASSESSED', answer: null }, feedbackDueOn: '2026-03-23', declineReason: null });
    expect(held.data.suggestionStatus.timeline.map((t: { label: string }) => t.label)).toEqual(['已收到建议', '启动评估（抽取评估人）', '完成评估']);
    const declined = await gql(app, LOOKUP, { n: s.declined.number, q: s.declined.queryCode.toLowerCase() });
    expect(declined.data.suggestionStatus).toMatchObject({ suggestion: { status: 'DECLINED' }, declineReason: 'UNLAWFUL_CONTENT', declineExplanation: '内容违反法律法规，不予办理。' });
    const consented = await gql(app, LOOKUP, { n: s.consented.number, q: s.consented.queryCode });
    expect(consented.data.suggestionStatus.timeline.map((t: { status: string }) => t.status)).toEqual(['SUBMITTED', 'UNDER_ASSESSMENT', 'ASSESSED', 'ADOPTED', 'ADOPTED']);
    // a wrong code and an unknown number answer alike
    for (const [n, q] of [[s.held.number, 'WRONGCODE'], ['JY-000000-2026-000001', s.held.queryCode]]) {
      expect((await gql(app, LOOKUP, { n, q })).errors?.[0]).toMatchObject({ message: '编号或查询码不正确', extensions: { code: 'suggestion/not-found' } });
    }
  });
});

/** Every field of every type the public queries reach, selected in full (introspected from the running API). */
function selection(schema: GraphQLSchema, type: GraphQLObjectType, reached: Set<string>, path: string[] = []): string {
  reached.add(type.name);
  return Object.values(type.getFields())
    .map((field) => {
      const named = getNamedType(field.type);
      if (field.args.some((a) => isNonNullType(a.type))) throw new Error(`${type.name}.${field.name} needs arguments: give the walker a value`);
      if (isScalarType(named) || isEnumType(named)) return field.name;
      if (isObjectType(named)) {
        if (path.includes(named.name)) return '';
        return `${field.name} { __typename ${selection(schema, named, reached, [...path, named.name])} }`;
      }
      throw new Error(`${type.name}.${field.name}: an interface or union on a public type`);
    })
    .join(' ');
}

/** Leaves of a JSON answer with their paths. */
function leaves(value: unknown, path = ''): [string, string][] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, `${path}[${i}]`));
  if (typeof value === 'object') return Object.entries(value as object).flatMap(([k, v]) => leaves(v, `${path}.${k}`));
  return [[path, String(value)]];
}

describe('no personal data on any public field', () => {
  it('walks every field of the public types on data full of personal data, anonymously and as a citizen', async () => {
    const introspection = await gql<IntrospectionQuery>(app, getIntrospectionQuery());
    const schema = buildClientSchema(introspection.data!);
    const query = schema.getQueryType()!.getFields();
    const roots = {
      openSuggestionCampaigns: '',
      publicSuggestions: `(campaignId: "${campaignId}", first: 10)`,
      publicSuggestion: '(number: $number)',
      awardedSuggestions: '(year: 2026)',
      suggestionStatus: '(number: $number, queryCode: $queryCode)',
    } as const;
    const reached = new Set<string>();
    // one request per root field: all of them at once would pass the complexity limit
    const requests = Object.entries(roots).map(([name, args]) => {
      const variables = [args.includes('$number') ? '$number: String!' : '', args.includes('$queryCode') ? '$queryCode: String!' : ''].filter(Boolean).join(', ');
      return `query${variables ? `(${variables})` : ''} { ${name}${args} { __typename ${selection(schema, getNamedType(query[name].type) as GraphQLObjectType, reached, [])} } }`;
    });
    // what the walk reached: only the public types and relay's page types, never a node or an internal type
    expect([...reached].sort()).toEqual(
      ['PageInfo', 'PublicSuggestion', 'PublicSuggestionAward', 'PublicSuggestionCampaign', 'PublicSuggestionConversion', 'PublicSuggestionStep', 'QueryPublicSuggestionsConnection', 'QueryPublicSuggestionsConnectionEdge', 'SuggestionLookup'].sort(),
    );
    for (const type of reached) expect((schema.getType(type) as GraphQLObjectType).getInterfaces().map((i) => i.name), type).not.toContain('Node');

    const personal = [
      p1.identityNumber,
      p2.identityNumber,
      '13912345678',
      '13698765432',
      '13566667777',
      '欧阳明月',
      '张三丰',
      '李四光',
      ADDRESS,
      NOTES,
      '内部暂存的答复',
      ...Object.values(s).map((x) => x.queryCode),
      ...Object.values(fx.actors).flatMap((a) => [a.displayName, a.accountId]),
      p1.actor.accountId,
      p2.actor.accountId,
    ];
    const answers: [string, string][] = [];
    for (const token of [undefined, p1.token, p2.token]) {
      for (const item of Object.values(s)) {
        for (const request of requests) {
          const variables = { ...(request.includes('$number') ? { number: item.number } : {}), ...(request.includes('$queryCode') ? { queryCode: item.queryCode } : {}) };
          const result = await gql(app, request, variables, token);
          // publicSuggestion answers not-found for the ones that are not public; everything else answers
          const errors = (result.errors ?? []).filter((e) => !(e.path?.[0] === 'publicSuggestion' && e.extensions?.code === 'suggestion/not-found'));
          expect(errors, `${item.number} ${request.slice(0, 40)}`).toEqual([]);
          answers.push(...leaves(result.data));
        }
      }
    }
    expect(answers.length).toBeGreaterThan(500);
    // the walk saw the data it guards: the redacted text and the consented name are there
    expect(answers.some(([, v]) => v.includes('我叫欧阳**，电话139****5678'))).toBe(true);
    for (const value of personal) {
      const leak = answers.find(([, v]) => v.includes(value));
      expect(leak, `personal data "${value}" at ${leak?.[0]}`).toBeUndefined();
    }
    // a declined suggestion is shown to no one but its submitter's own lookup
    expect(answers.filter(([, v]) => v.includes(UNLAWFUL)).every(([path]) => path.startsWith('.suggestionStatus.'))).toBe(true);
    // the one name that may appear is the consenting award winner's, and only as submitterName
    const named = answers.filter(([, v]) => v.includes('司马青云'));
    expect(named.length).toBeGreaterThan(0);
    expect(named.every(([path]) => path.endsWith('.submitterName'))).toBe(true);
  });
});
