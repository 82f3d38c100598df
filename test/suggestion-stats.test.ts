import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { suggestionCampaigns, suggestions } from '../db/schema';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { gql, testApp, withSqlLog } from './support/app';
import { gid } from './support/mediation';
import type { App } from '../schema/yoga';

let db: Database;
let app: App;
let fx: Fixture;
const now = new Date('2026-05-01T02:00:00Z'); // today is 2026-05-01 in China
let campaignId: string;

const FIG = 'received assessed adopted converted adoptionRate conversionRate feedbackGiven averageDaysToFeedback feedbackJudged onTimeFeedbackRate';
const STATS = `query($u: ID!, $from: Date!, $to: Date!, $c: ID) { suggestionStats(unitId: $u, from: $from, to: $to, campaignId: $c) {
  total { ${FIG} } byCampaign { campaign { title } figures { ${FIG} } } byUnit { unit { name } figures { ${FIG} } } byCategory { category figures { ${FIG} } } } }`;

let n = 0;
async function suggestion(over: Partial<typeof suggestions.$inferInsert> & { unit: 'townA' | 'townB' }) {
  n += 1;
  const { unit, ...rest } = over;
  await db.insert(suggestions).values({
    number: `JY-STATS-${fx.code}-${n}`,
    queryCode: 'ABCDEFGH',
    title: `统计用建议${n}`,
    content: '用于统计的建议内容，足够十个字。',
    category: '交通',
    channel: 'ONLINE',
    receivedOn: '2026-04-01',
    receivingUnitId: fx.units[unit].id,
    unitId: fx.units[unit].id,
    unitPath: fx.units[unit].path,
    feedbackDays: 20,
    feedbackDueOn: '2026-04-21',
    similarityBucket: 'stats',
    similarityKeys: [],
    lastEventAt: now,
    ...rest,
  });
}

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db, { now: () => now });
  fx = await buildFixture(db);
  const [c] = await db
    .insert(suggestionCampaigns)
    .values({ title: '交通环境金点子', description: '统计用征集活动', unitId: fx.units.county.id, unitPath: fx.units.county.path, categories: ['交通', '环境'], opensOn: '2026-03-01', closesOn: '2026-05-31', status: 'OPEN', feedbackDays: 20, endorsementThreshold: 10, lastEventAt: now })
    .returning();
  campaignId = c.id;
  // 1: campaign, townA, adopted, answered in 14 days (on time).
  await suggestion({ unit: 'townA', campaignId, status: 'ADOPTED', receivedOn: '2026-04-01', feedbackDueOn: '2026-04-21', feedbackOn: '2026-04-15' });
  // 2: campaign, townA, converted, answered in 28 days (late).
  await suggestion({ unit: 'townA', campaignId, status: 'CONVERTED', receivedOn: '2026-04-02', feedbackDueOn: '2026-04-22', feedbackOn: '2026-04-30' });
  // 3: campaign, townB, environment, not adopted, answered in 17 days (on time).
  await suggestion({ unit: 'townB', campaignId, category: '环境', status: 'NOT_ADOPTED', receivedOn: '2026-04-03', feedbackDueOn: '2026-04-23', feedbackOn: '2026-04-20' });
  // 4: open collection, townA, environment, partly adopted, answer held back: due 04-25 and still owed (late).
  await suggestion({ unit: 'townA', category: '环境', status: 'PARTLY_ADOPTED', receivedOn: '2026-04-05', feedbackDueOn: '2026-04-25' });
  // 5: open collection, townB, just submitted, not yet due.
  await suggestion({ unit: 'townB', status: 'SUBMITTED', receivedOn: '2026-04-10', feedbackDueOn: '2026-05-10' });
  // 6: open collection, townA, withdrawn (owes nothing).
  await suggestion({ unit: 'townA', status: 'WITHDRAWN', receivedOn: '2026-04-12', feedbackDueOn: '2026-04-28', withdrawnOn: '2026-04-13' });
  // 7: received before the period: not in the cohort.
  await suggestion({ unit: 'townA', status: 'ADOPTED', receivedOn: '2026-03-20', feedbackDueOn: '2026-04-09', feedbackOn: '2026-04-02' });
});

const figures = (received: number, assessed: number, adopted: number, converted: number, feedbackGiven: number, feedbackDays: number, feedbackJudged: number, onTime: number) => ({
  received,
  assessed,
  adopted,
  converted,
  adoptionRate: assessed ? adopted / assessed : null,
  conversionRate: adopted ? converted / adopted : null,
  feedbackGiven,
  averageDaysToFeedback: feedbackGiven ? feedbackDays / feedbackGiven : null,
  feedbackJudged,
  onTimeFeedbackRate: feedbackJudged ? onTime / feedbackJudged : null,
});

describe('suggestion figures on known data', () => {
  it('received, assessed, adoption and conversion rates, days to feedback and on-time feedback, by campaign, unit and category, in one statement', async () => {
    const { result, statements } = await withSqlLog(() => gql(app, STATS, { u: gid('Unit', fx.units.county.id), from: '2026-04-01', to: '2026-04-30' }, fx.tokens.countyLeader));
    expect(result.errors).toBeUndefined();
    const s = result.data.suggestionStats;
    // Cohort 1–6: assessed 1–4; adopted 1, 2, 4; converted 2; feedback 14 + 28 + 17 days; judged 1–4, on time 1 and 3.
    expect(s.total).toEqual(figures(6, 4, 3, 1, 3, 59, 4, 2));
    expect(s.byCampaign).toEqual([
      { campaign: null, figures: figures(3, 1, 1, 0, 0, 0, 1, 0) },
      { campaign: { title: '交通环境金点子' }, figures: figures(3, 3, 2, 1, 3, 59, 3, 2) },
    ]);
    const byUnit = Object.fromEntries(s.byUnit.map((r: { unit: { name: string }; figures: unknown }) => [r.unit.name, r.figures]));
    expect(byUnit).toEqual({ 甲镇: figures(4, 3, 3, 1, 2, 42, 3, 1), 乙镇: figures(2, 1, 0, 0, 1, 17, 1, 1) });
    const byCategory = Object.fromEntries(s.byCategory.map((r: { category: string; figures: unknown }) => [r.category, r.figures]));
    expect(byCategory).toEqual({ 交通: figures(4, 2, 2, 1, 2, 42, 2, 1), 环境: figures(2, 2, 1, 0, 1, 17, 2, 1) });
    expect(statements.filter((q) => /from suggestions/.test(q))).toHaveLength(1);
  });

  it('narrows to one campaign or a township; an empty period gives zeros and no rates', async () => {
    const one = await gql(app, STATS, { u: gid('Unit', fx.units.county.id), from: '2026-04-01', to: '2026-04-30', c: gid('SuggestionCampaign', campaignId) }, fx.tokens.countyLeader);
    expect(one.data.suggestionStats.total).toEqual(figures(3, 3, 2, 1, 3, 59, 3, 2));
    const town = await gql(app, STATS, { u: gid('Unit', fx.units.townA.id), from: '2026-04-01', to: '2026-04-30' }, fx.tokens.townAStaff);
    expect(town.data.suggestionStats.total).toEqual(figures(4, 3, 3, 1, 2, 42, 3, 1));
    const empty = await gql(app, STATS, { u: gid('Unit', fx.units.county.id), from: '2025-01-01', to: '2025-01-31' }, fx.tokens.countyLeader);
    expect(empty.data.suggestionStats).toEqual({ total: figures(0, 0, 0, 0, 0, 0, 0, 0), byCampaign: [], byUnit: [], byCategory: [] });
  });

  it('only for staff of the unit’s subtree', async () => {
    const above = await gql(app, STATS, { u: gid('Unit', fx.units.county.id), from: '2026-04-01', to: '2026-04-30' }, fx.tokens.townAStaff);
    expect(above.errors?.[0]?.extensions?.code).toBe('auth/forbidden');
    const citizen = await fx.newPetitionerAccount();
    const refused = await gql(app, STATS, { u: gid('Unit', fx.units.townA.id), from: '2026-04-01', to: '2026-04-30' }, citizen.token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('auth/forbidden');
  });
});
