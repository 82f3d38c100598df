/**
 * Finding similar suggestions in SQL. Each suggestion stores its bigrams prefixed with its bucket's tag
 * (bucket = campaign or open collection, and category) in a GIN-indexed text[] column, so a lookup reads
 * only that bucket's postings. Document frequencies per bucket live in suggestion_gram_counts and give
 * the rarity weights of the pure scorer (similarity.ts). A lookup: one read of the frequencies of the
 * query's features, one index probe with its rarest bigrams (ranked by how many they share), one read of
 * the frequencies the candidates add; then the scorer ranks and the threshold keeps the precise ones.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../client';
import {
  features,
  frequencyGrams,
  indexGrams,
  probeGrams,
  similarityScore,
  SIMILARITY_THRESHOLD,
  type BucketFrequencies,
  type SimilarityText,
} from './similarity';

/** The gram under which a bucket counts its suggestions (no real gram is empty). */
const DOCUMENTS = '';
/** How many candidates the index probe hands to the scorer. */
export const CANDIDATES = 60;

export function similarityBucket(campaignId: string | null, category: string): string {
  return `${campaignId ?? 'open'}|${category}`;
}

/** Eight characters that name a bucket inside the indexed keys (a 40-bit hash: collisions only cost a rescore). */
export function bucketTag(bucket: string): string {
  return createHash('sha1').update(bucket).digest('base64url').slice(0, 7) + ':';
}

export function similarityKeys(bucket: string, text: SimilarityText): string[] {
  const tag = bucketTag(bucket);
  return indexGrams(text).map((gram) => tag + gram);
}

/** Grams never hold a comma (letters, digits, Han only), so a list travels as one text parameter. */
function textArray(values: readonly string[]) {
  return sql`string_to_array(${values.join(',')}, ',')::text[]`;
}

/**
 * Counts a new suggestion's features in its bucket. Grams go in sorted order, so two submissions in one
 * bucket lock the shared rows in the same order and never deadlock; call it in the intake transaction.
 */
export async function countSuggestionGrams(tx: Executor, bucket: string, text: SimilarityText): Promise<void> {
  await tx.execute(sql`
    insert into suggestion_gram_counts (bucket, gram, documents)
    select ${bucket}, g, 1 from unnest(${textArray(frequencyGrams(text))} || array[${DOCUMENTS}]::text[]) as g order by g
    on conflict (bucket, gram) do update set documents = suggestion_gram_counts.documents + 1`);
}

async function frequencies(db: Executor, bucket: string, grams: readonly string[], into: Map<string, number>) {
  const wanted = grams.filter((gram) => !into.has(gram));
  if (!wanted.length) return;
  const rows = (await db.execute(sql`
    select gram, documents from suggestion_gram_counts
    where bucket = ${bucket} and gram = any(${textArray(wanted)} || array['']::text[])`)) as unknown as { rows: { gram: string; documents: number }[] };
  for (const gram of wanted) into.set(gram, 0);
  for (const row of rows.rows) into.set(row.gram, Number(row.documents));
}

export interface SimilarMatch {
  id: string;
  score: number;
}

export interface SimilarQuery extends SimilarityText {
  bucket: string;
  /** The suggestion itself, when it is stored (it is then left out and not counted as another). */
  excludeId?: string | null;
  threshold?: number;
  limit?: number;
}

/** Suggestions of the same bucket whose score reaches the threshold, best first. */
export async function findSimilarSuggestions(db: Executor, query: SimilarQuery): Promise<SimilarMatch[]> {
  const mine = features(query);
  const known = new Map<string, number>();
  await frequencies(db, query.bucket, [...mine.keys()], known);
  const self = query.excludeId ? 1 : 0;
  const stats: BucketFrequencies = { documents: known.get(DOCUMENTS) ?? 0, frequency: (gram) => known.get(gram) ?? 0 };
  // Frequencies without the query itself decide which grams can find another suggestion at all.
  const others: BucketFrequencies = { documents: stats.documents - self, frequency: (gram) => stats.frequency(gram) - self };
  const probe = probeGrams(indexGrams(query), others);
  if (!probe.length) return [];
  const tag = bucketTag(query.bucket);
  const result = (await db.execute(sql`
    select s.id, s.title, s.content from suggestions s
    where s.similarity_keys && ${textArray(probe.map((gram) => tag + gram))}
      and s.similarity_bucket = ${query.bucket}
      ${query.excludeId ? sql`and s.id <> ${query.excludeId}` : sql``}
    order by (select count(*) from unnest(s.similarity_keys) k where k = any(${textArray(probe.map((gram) => tag + gram))})) desc, s.id
    limit ${CANDIDATES}`)) as unknown as { rows: { id: string; title: string; content: string }[] };
  const candidates = result.rows.map((row) => ({ id: row.id, f: features(row) }));
  await frequencies(db, query.bucket, candidates.flatMap((c) => [...c.f.keys()]), known);
  const threshold = query.threshold ?? SIMILARITY_THRESHOLD;
  return candidates
    .map((c) => ({ id: c.id, score: similarityScore(mine, c.f, stats) }))
    .filter((match) => match.score >= threshold)
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
    .slice(0, query.limit ?? 20);
}
