import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { testApp } from './support/app';
import { globalId, suggestionApi } from './support/suggestions';
import type { Database } from '../db/client';
import { suggestionAssessorPool } from '../db/schema';
import type { App } from '../schema/yoga';

let db: Database;
let fx: Fixture;
let app: App;
const clock = new Date('2026-03-02T02:00:00Z'); // 10:00 in China, Monday
const api = suggestionApi(() => app, () => fx, () => db);

const ENDORSED = 'number endorsementCount endorsementThreshold endorsed priority';
const endorse = (number: string, token: string | undefined) => api.mutate('endorseSuggestion', { number }, token, ENDORSED, 'SuggestionEndorsement');
const unendorse = (number: string, token: string | undefined) => api.mutate('withdrawSuggestionEndorsement', { number }, token, ENDORSED, 'SuggestionEndorsement');

beforeAll(async () => {
  db = (await testDatabase()).db;
  fx = await buildFixture(db);
  app = testApp(db, { now: () => clock });
  await db.insert(suggestionAssessorPool).values([{ unitId: fx.units.county.id, accountId: fx.actors.officeLeader.accountId }]);
});

describe('endorsements (附议)', () => {
  it('only public suggestions, one per citizen account, withdrawable; the threshold flags once and the flag stays', async () => {
    const c = await api.campaign({ endorsementThreshold: 3 });
    const submitter = await fx.newPetitionerAccount('王五');
    const [a, b, d, e] = await Promise.all(['甲', '乙', '丁', '戊'].map((n) => fx.newPetitionerAccount(`附议人${n}`)));
    const s = await api.submit({ campaignId: c.id }, submitter.token);

    // not public yet: nothing to endorse (the same answer as an unknown number)
    expect(await endorse(s.number, a.token)).toMatchObject({ code: 'suggestion/not-found' });
    expect(await endorse('JY-000000-2026-999999', a.token)).toMatchObject({ code: 'suggestion/not-found' });
    expect(await api.mutate('makeSuggestionPublic', { suggestionId: s.id, expectedVersion: 1 }, submitter.token)).toMatchObject({ code: 'auth/forbidden' });
    const made = await api.mutate('makeSuggestionPublic', { suggestionId: s.id, expectedVersion: 1 }, fx.tokens.officeStaff, 'suggestion { version publicOn allowedActions }');
    expect(made.data.suggestion).toMatchObject({ version: 2, publicOn: '2026-03-02' });
    expect(made.data.suggestion.allowedActions).not.toContain('makePublic');
    expect(await api.mutate('makeSuggestionPublic', { suggestionId: s.id, expectedVersion: 2 }, fx.tokens.officeStaff)).toMatchObject({ code: 'suggestion/already-public' });

    // who may not endorse
    expect(await endorse(s.number, submitter.token)).toMatchObject({ code: 'suggestion/endorse-own' });
    expect(await endorse(s.number, fx.tokens.officeStaff)).toMatchObject({ code: 'suggestion/endorse-citizens-only' });
    expect(await endorse(s.number, undefined)).toMatchObject({ code: 'auth/unauthenticated' });

    // one per account; withdraw; endorse again
    expect(await endorse(s.number, a.token)).toMatchObject({ data: { endorsementCount: 1, endorsementThreshold: 3, endorsed: true, priority: false } });
    expect(await endorse(s.number, a.token)).toMatchObject({ code: 'suggestion/already-endorsed' });
    expect(await unendorse(s.number, a.token)).toMatchObject({ data: { endorsementCount: 0, endorsed: false } });
    expect(await unendorse(s.number, a.token)).toMatchObject({ code: 'suggestion/not-endorsed' });
    expect(await unendorse(s.number, b.token)).toMatchObject({ code: 'suggestion/not-endorsed' });
    expect(await endorse(s.number, a.token)).toMatchObject({ data: { endorsementCount: 1 } });
    expect(await endorse(s.number, b.token)).toMatchObject({ data: { endorsementCount: 2, priority: false } });
    // the third reaches the threshold: flagged, with its own event
    expect(await endorse(s.number, d.token)).toMatchObject({ data: { endorsementCount: 3, priority: true } });
    expect(await endorse(s.number, e.token)).toMatchObject({ data: { endorsementCount: 4, priority: true } });
    expect(await unendorse(s.number, d.token)).toMatchObject({ data: { endorsementCount: 3, priority: true } });
    expect(await unendorse(s.number, e.token)).toMatchObject({ data: { endorsementCount: 2, priority: true } });

    const seen = await api.load(s.id, 'version endorsementCount priority priorityFlaggedOn');
    // endorsements never move the version: staff acting on version 2 still land
    expect(seen).toEqual({ version: 2, endorsementCount: 2, priority: true, priorityFlaggedOn: '2026-03-02' });
    const types = (await api.history(s.id)).map((h) => h.type);
    expect(types).toEqual([
      'suggestion.submitted',
      'suggestion.made_public',
      'suggestion.endorsed',
      'suggestion.endorsement_withdrawn',
      'suggestion.endorsed',
      'suggestion.endorsed',
      'suggestion.endorsed',
      'suggestion.priority_flagged',
      'suggestion.endorsed',
      'suggestion.endorsement_withdrawn',
      'suggestion.endorsement_withdrawn',
    ]);
    const flagged = (await api.history(s.id)).find((h) => h.type === 'suggestion.priority_flagged');
    expect(flagged).toMatchObject({ actorId: null, payload: { count: 3, threshold: 3 } });
    expect((await api.history(s.id)).filter((h) => h.type === 'suggestion.endorsed').map((h) => h.actorId)).toEqual([a, a, b, d, e].map((x) => x.actor.accountId));
    const started = await api.mutate('startSuggestionAssessment', { suggestionId: s.id, expectedVersion: 2 }, fx.tokens.officeStaff, 'suggestion { status priority endorsementCount }');
    expect(started.data.suggestion).toEqual({ status: 'UNDER_ASSESSMENT', priority: true, endorsementCount: 2 });
  });

  it('counts each suggestion’s own endorsements, open collection at the default threshold of 50, closed once answered', async () => {
    const a = await fx.newPetitionerAccount('附议人己');
    const unitId = globalId('Unit', fx.units.office.id);
    const first = await api.submit({ unitId, title: '人民路增设公共厕所', content: '人民路商业街人流大，附近没有公共厕所，建议增设一座。', category: '城市管理' }, fx.tokens.officeStaff);
    const second = await api.submit({ unitId, title: '人民路增设垃圾分类亭', content: '人民路小区门口垃圾乱堆，建议增设垃圾分类投放亭。', category: '城市管理' }, fx.tokens.officeStaff);
    for (const s of [first, second]) await api.mutate('makeSuggestionPublic', { suggestionId: s.id, expectedVersion: 1 }, fx.tokens.officeStaff);
    expect(await endorse(first.number, a.token)).toMatchObject({ data: { endorsementCount: 1, endorsementThreshold: 50 } });
    expect(await endorse(second.number, a.token)).toMatchObject({ data: { endorsementCount: 1 } });
    expect(await unendorse(first.number, a.token)).toMatchObject({ data: { endorsementCount: 0 } });
    expect((await api.load(second.id, 'endorsementCount')).endorsementCount).toBe(1);

    // decided: no more endorsements, nor withdrawals
    await api.mutate('declineSuggestion', { suggestionId: second.id, expectedVersion: 2, reason: 'OUT_OF_SCOPE', explanation: '不属于本单位职责，已告知向区城管局反映。' }, fx.tokens.officeStaff);
    expect(await unendorse(second.number, a.token)).toMatchObject({ code: 'suggestion/endorse-closed' });
    // declined is never public: a citizen who never endorsed it cannot find it
    const other = await fx.newPetitionerAccount('附议人庚');
    expect(await endorse(second.number, other.token)).toMatchObject({ code: 'suggestion/not-found' });
  });

  it('takes twenty concurrent endorsements by one account as one', async () => {
    const a = await fx.newPetitionerAccount('附议人辛');
    const s = await api.submit({ unitId: globalId('Unit', fx.units.office.id), title: '红河路增设非机动车道', content: '红河路电动车和汽车混行，经常发生剐蹭，建议划设非机动车道。' }, fx.tokens.officeStaff);
    await api.mutate('makeSuggestionPublic', { suggestionId: s.id, expectedVersion: 1 }, fx.tokens.officeStaff);
    const results = await Promise.all(Array.from({ length: 20 }, () => endorse(s.number, a.token)));
    expect(results.filter((r) => r.__typename === 'MutationEndorseSuggestionSuccess')).toHaveLength(1);
    expect(results.filter((r) => r.code === 'suggestion/already-endorsed')).toHaveLength(19);
    expect((await api.load(s.id, 'endorsementCount')).endorsementCount).toBe(1);
    expect((await api.history(s.id)).filter((h) => h.type === 'suggestion.endorsed')).toHaveLength(1);
  });
});
