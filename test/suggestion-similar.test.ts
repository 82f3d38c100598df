import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import type { Database } from '../db/client';
import { suggestions } from '../db/schema';
import { countSuggestionGrams, findSimilarSuggestions, similarityBucket, similarityKeys } from '../db/suggestions/similar';
import { countFrequencies, features, similarityScore, SIMILARITY_THRESHOLD } from '../db/suggestions/similarity';
import { itemKey, labelledMatters, labelledPairs } from './fixtures/similar-suggestions';

/**
 * The finder in SQL on the labelled set: every suggestion of a category in one bucket, as a campaign
 * would hold them; each is looked up against the others through the GIN index and the bucket counts.
 */
let db: Database;
let fx: Fixture;
const campaign = randomUUID();
const idOf = new Map<string, string>();
const keyOf = new Map<string, string>();

beforeAll(async () => {
  db = (await testDatabase()).db;
  fx = await buildFixture(db);
  let n = 0;
  for (const matter of labelledMatters) {
    for (const [index, [title, content]] of matter.items.entries()) {
      n += 1;
      const bucket = similarityBucket(campaign, matter.category);
      await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(suggestions)
          .values({
            number: `JY-T-${fx.code}-${n}`,
            queryCode: 'TESTCODE',
            title,
            content,
            category: matter.category,
            channel: 'ONLINE',
            receivedOn: '2026-03-02',
            receivingUnitId: fx.units.office.id,
            unitId: fx.units.office.id,
            unitPath: fx.units.office.path,
            lastEventAt: new Date(),
            feedbackDays: 30,
            feedbackDueOn: '2026-04-01',
            similarityBucket: bucket,
            similarityKeys: similarityKeys(bucket, { title, content }),
          })
          .returning({ id: suggestions.id });
        await countSuggestionGrams(tx, bucket, { title, content });
        idOf.set(itemKey(matter.key, index), row.id);
        keyOf.set(row.id, itemKey(matter.key, index));
      });
    }
  }
});

describe('findSimilarSuggestions on the labelled set', () => {
  it('finds through the index exactly the pairs the scorer accepts, and keeps precision ≥ 0.95, recall ≥ 0.5', async () => {
    const found = new Set<string>();
    for (const matter of labelledMatters) {
      for (const [index, [title, content]] of matter.items.entries()) {
        const key = itemKey(matter.key, index);
        const matches = await findSimilarSuggestions(db, { bucket: similarityBucket(campaign, matter.category), title, content, excludeId: idOf.get(key) });
        for (const match of matches) found.add([key, keyOf.get(match.id)!].sort().join(' '));
      }
    }
    // The pure scorer over the same buckets: the index must lose nothing it would accept.
    const categoryOf = new Map(labelledMatters.flatMap((m) => m.items.map((_i, index) => [itemKey(m.key, index), m.category] as const)));
    const textOf = new Map(labelledMatters.flatMap((m) => m.items.map(([title, content], index) => [itemKey(m.key, index), features({ title, content })] as const)));
    const stats = new Map(
      [...new Set(categoryOf.values())].map((category) => [category, countFrequencies([...textOf].filter(([k]) => categoryOf.get(k) === category).map(([, f]) => f))]),
    );
    const pairs = labelledPairs();
    const expected = pairs.filter((p) => similarityScore(textOf.get(p.a)!, textOf.get(p.b)!, stats.get(categoryOf.get(p.a)!)!) >= SIMILARITY_THRESHOLD);
    expect([...found].sort()).toEqual(expected.map((p) => [p.a, p.b].sort().join(' ')).sort());

    const similar = new Set(pairs.filter((p) => p.similar).map((p) => [p.a, p.b].sort().join(' ')));
    const truePositives = [...found].filter((pair) => similar.has(pair)).length;
    expect(truePositives / found.size).toBeGreaterThanOrEqual(0.95);
    expect(truePositives / similar.size).toBeGreaterThanOrEqual(0.5);
  });

  it('never looks outside the bucket: the same text in another campaign is not proposed', async () => {
    const [title, content] = labelledMatters[0].items[0];
    const elsewhere = await findSimilarSuggestions(db, { bucket: similarityBucket(randomUUID(), labelledMatters[0].category), title, content });
    expect(elsewhere).toEqual([]);
    const sameCampaignOtherCategory = await findSimilarSuggestions(db, { bucket: similarityBucket(campaign, '教育'), title, content });
    expect(sameCampaignOtherCategory).toEqual([]);
  });

  it('proposes a new, unsaved text by its matter, best first', async () => {
    const matches = await findSimilarSuggestions(db, {
      bucket: similarityBucket(campaign, '城市管理'),
      title: '神女湖公园厕所太少',
      content: '周末带孩子去神女湖公园，找厕所要走很远，希望多建几座公共厕所。',
    });
    expect(matches.map((m) => keyOf.get(m.id)!).sort()).toEqual(['park-toilet#0', 'park-toilet#1', 'park-toilet#2']);
    expect(matches.map((m) => m.score)).toEqual([...matches.map((m) => m.score)].sort((a, b) => b - a));
  });
});
