/**
 * Similar suggestions without word boundaries. Chinese is written without spaces, so a text becomes
 * overlapping character bigrams ("公园增设公厕" → 公园 园增 增设 设公 公厕) plus its single characters
 * (厕所 / 公厕 / 卫生间 share 厕 where no bigram matches). Every feature is weighted by how rare it is
 * in the suggestion's bucket (same campaign and category): a place named in many suggestions counts
 * for less than the object a suggestion asks for, which is what separates "公园增设公厕" from
 * "公园增设健身器材". Pure: the SQL side (db/suggestions/similar.ts) stores `indexGrams` in a GIN-indexed
 * column, keeps document frequencies of `frequencyGrams`, and ranks candidates with `similarityScore`.
 * Weights and threshold were chosen on test/fixtures/similar-suggestions.ts (see the closing note).
 */

/** Bigrams so common in suggestions that they say nothing about the matter. */
const STOP_BIGRAMS: ReadonlySet<string> = new Set([
  '建议', '希望', '我们', '你们', '他们', '能否', '是否', '可以', '能够', '一下', '一些', '这个', '那个', '什么', '怎么',
  '问题', '相关', '部门', '有关', '尽快', '加强', '进行', '开展', '解决', '请求', '恳请', '政府', '群众', '市民', '居民',
  '百姓', '大家', '现在', '目前', '每天', '经常', '非常', '特别', '太多', '不够', '严重', '存在', '情况', '方面', '工作',
  '管理', '不方', '方便', '没有', '就是', '还是', '但是', '因为', '所以', '如果', '已经', '根本', '实在', '真的', '一个',
  '好几', '能不', '不能', '的人', '一点', '多一', '里的', '的是', '了一', '在这', '这里', '那里', '我家',
]);

/** Characters that carry no matter of their own (particles, pronouns, the words of asking). */
const STOP_CHARS: ReadonlySet<string> = new Set([...'的了在是我们你他她它和与及或也都就还很太要会能可以把被对从到给让这那有没不一个些么吗呢吧啊呀请希望建议尽快进行加强相关部门问题']);

export const SIMILARITY_WEIGHTS = { contentBigram: 1, titleBigram: 1.5, character: 2 } as const;
/** Cosine score from which a suggestion is proposed as similar; chosen for precision (≥ 0.95 on the set). */
export const SIMILARITY_THRESHOLD = 0.2;

const RUN = /[\p{Script=Han}\p{L}\p{N}]+/gu;

/** NFKC (full-width → half-width), lower case, the runs of letters, digits and Han characters. */
export function textRuns(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(RUN) ?? [];
}

/** The bigrams of a text inside its runs (never across punctuation), stop bigrams removed. */
export function bigrams(text: string): Set<string> {
  const out = new Set<string>();
  for (const run of textRuns(text)) {
    const chars = [...run];
    for (let i = 0; i + 1 < chars.length; i += 1) {
      const gram = chars[i] + chars[i + 1];
      if (!STOP_BIGRAMS.has(gram)) out.add(gram);
    }
  }
  return out;
}

export interface SimilarityText {
  title: string;
  content: string;
}

/** Feature → weight before rarity. A bigram is two code points and a character one, so keys never collide. */
export type Features = ReadonlyMap<string, number>;

export function features(text: SimilarityText): Features {
  const out = new Map<string, number>();
  const add = (gram: string, weight: number) => out.set(gram, Math.max(out.get(gram) ?? 0, weight));
  for (const gram of bigrams(text.content)) add(gram, SIMILARITY_WEIGHTS.contentBigram);
  for (const gram of bigrams(text.title)) add(gram, SIMILARITY_WEIGHTS.titleBigram);
  for (const run of textRuns(`${text.title} ${text.content}`)) {
    for (const ch of run) if (!STOP_CHARS.has(ch)) add(ch, SIMILARITY_WEIGHTS.character);
  }
  return out;
}

/** The grams of the GIN-indexed column (bigrams only: single characters would match nearly everything). */
export function indexGrams(text: SimilarityText): string[] {
  return [...features(text).keys()].filter((gram) => [...gram].length === 2).sort();
}

/** Every feature, sorted (document frequencies are bumped in this order, so concurrent writers never deadlock). */
export function frequencyGrams(text: SimilarityText): string[] {
  return [...features(text).keys()].sort();
}

/** How many suggestions of the bucket contain each gram, and how many the bucket holds. */
export interface BucketFrequencies {
  documents: number;
  frequency(gram: string): number;
}

function rarity(gram: string, stats: BucketFrequencies): number {
  return Math.log(1 + Math.max(1, stats.documents) / Math.max(1, stats.frequency(gram)));
}

function weighted(text: Features, stats: BucketFrequencies): Map<string, number> {
  return new Map([...text].map(([gram, weight]) => [gram, weight * rarity(gram, stats)]));
}

/** Cosine of the rarity-weighted features: 1 for the same text, 0 with nothing in common. */
export function similarityScore(a: Features, b: Features, stats: BucketFrequencies): number {
  const [va, vb] = [weighted(a, stats), weighted(b, stats)];
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [gram, w] of va) {
    na += w * w;
    const other = vb.get(gram);
    if (other !== undefined) dot += w * other;
  }
  for (const w of vb.values()) nb += w * w;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * The query's rarest indexed grams: the index lookup uses these, so a common place name does not pull
 * in half the bucket. Grams found in no other suggestion are useless for finding one and are skipped.
 */
export function probeGrams(grams: readonly string[], stats: BucketFrequencies, limit = 32): string[] {
  return grams
    .filter((gram) => stats.frequency(gram) >= 1)
    .sort((x, y) => stats.frequency(x) - stats.frequency(y) || (x < y ? -1 : 1))
    .slice(0, limit);
}

/** Document frequencies counted over a list of texts (the pure twin of the bucket table). */
export function countFrequencies(texts: Iterable<Features>): BucketFrequencies {
  const counts = new Map<string, number>();
  let documents = 0;
  for (const text of texts) {
    documents += 1;
    for (const gram of text.keys()) counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return { documents, frequency: (gram) => counts.get(gram) ?? 0 };
}
