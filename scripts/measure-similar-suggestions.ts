/**
 * One-off measurement (not a test): the similar-suggestion lookup at 100,000 suggestions.
 * Builds 100,000 synthetic suggestions (places × objects × asks × reasons, written like the labelled set)
 * spread over 61 buckets, one of them a 30,000-suggestion campaign category (天津和平区 collected 67,000
 * requests in one campaign), puts the labelled set's 城市管理 suggestions into the big bucket and a small
 * one, and times findSimilarSuggestions for each labelled text. Run under the suite lock:
 *   flock /tmp/xf-suite.lock npx tsx scripts/measure-similar-suggestions.ts            # PGlite in memory
 *   flock /tmp/xf-suite.lock npx tsx scripts/measure-similar-suggestions.ts --postgres # local server, Neon driver
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../db/client';
import { startWsProxy } from '../db/ws-proxy';
import { suggestionGramCounts, suggestions, units } from '../db/schema';
import { findSimilarSuggestions, similarityBucket, similarityKeys } from '../db/suggestions/similar';
import { frequencyGrams } from '../db/suggestions/similarity';
import { labelledMatters } from '../test/fixtures/similar-suggestions';

const TOTAL = Number(process.env.SUGGESTIONS ?? 100_000);
const BIG = Math.round(TOTAL * 0.3);

let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];

const places = ['兴龙大道', '人民路', '红河路', '萱花路', '昌州大道', '渝西大道', '桂山路', '神女湖公园', '凤凰湖新区', '仙龙镇', '卫星湖街道', '南大街', '中山路', '汇龙大道', '茶山竹海', '临江河', '大安街道', '陈食街道', '双石镇', '来苏镇', '宝峰镇', '青峰镇', '金龙镇', '朱沱镇', '松溉古镇', '五间镇', '吉安镇', '何埂镇', '板桥镇', '三教镇', '红炉镇', '永荣镇', '胜利路', '星光大道', '望城路', '文曲路', '光彩大道', '昌州古城', '高铁站', '汽车站', '体育中心', '职教中心', '中医院', '妇幼保健院', '实验中学', '北山中学', '萱花中学', '红旗小学', '和平小区', '阳光小区'];
const objects = ['停车位', '路灯', '公交站', '红绿灯', '人行道', '垃圾桶', '公共厕所', '健身器材', '充电桩', '绿化带', '下水道', '减速带', '监控探头', '休息座椅', '无障碍坡道', '非机动车道', '便民市场', '快递柜', '图书室', '篮球场', '社区食堂', '养老服务站', '幼儿园', '卫生室', '消防通道', '电梯', '雨棚', '排水沟', '景观灯', '指示牌', '隔离栏', '斑马线', '停车场', '公交线路', '共享单车', '洗手台', '母婴室', '饮水机', '桥梁栏杆', '路面'];
const asks = ['增设', '维修', '更换', '改造', '扩建', '规范', '清理', '整治', '增加', '优化', '迁移', '开通', '延长', '完善', '修缮'];
const reasons = ['群众反映强烈', '存在安全隐患', '老人小孩出行不便', '高峰期拥堵严重', '影响市容市貌', '周边居民意见很大', '已经很多年没人管', '下雨天积水严重', '晚上视线不好', '外地游客也不方便', '上下班很不方便', '经常发生小事故'];
const categories = ['交通出行', '城市管理', '教育', '医疗卫生', '养老服务', '环境保护', '营商环境', '社区治理', '文化旅游', '农业农村'];

function synthetic(): { title: string; content: string } {
  const [place, object, ask] = [pick(places), pick(objects), pick(asks)];
  const title = `${place}${ask}${object}`;
  const content = `${place}附近的${object}${pick(['太少', '坏了', '不够用', '位置不合理', '没人管理', '年久失修'])}，${pick(reasons)}，建议${ask}${object}，${pick(reasons)}。`;
  return { title, content };
}

async function main() {
  const postgres = process.argv.includes('--postgres');
  let close: () => Promise<void>;
  let handle;
  if (postgres) {
    const proxy = await startWsProxy({ port: 0 });
    const name = `xf_similar_${Date.now().toString(36)}`;
    const admin = await openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres', wsProxy: proxy.url });
    await admin.db.execute(`create database "${name}"`);
    handle = await openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:5432/${name}`, wsProxy: proxy.url });
    close = async () => {
      await handle!.close();
      await admin.db.execute(`drop database "${name}" with (force)`);
      await admin.close();
      await proxy.close();
    };
  } else {
    handle = await openDatabase({ dataDir: 'memory://' });
    close = () => handle!.close();
  }
  await handle.migrate();
  const db = handle.db;
  const [unit] = await db.insert(units).values({ level: 'COUNTY', kind: 'PETITION_OFFICE', divisionCode: '500118-BENCH', name: '永川区', path: '/' }).returning();
  await db.update(units).set({ path: `/${unit.id}/` }).where(sql`id = ${unit.id}`);

  const bigCampaign = randomUUID();
  const campaigns = Array.from({ length: 6 }, () => randomUUID());
  const bucketFor = (i: number) => (i < BIG ? similarityBucket(bigCampaign, '城市管理') : similarityBucket(pick([...campaigns, null]), pick(categories)));
  const counts = new Map<string, number>();
  const started = Date.now();
  const rows: (typeof suggestions.$inferInsert)[] = [];
  const flush = async () => {
    if (rows.length) await db.insert(suggestions).values(rows.splice(0));
  };
  const add = async (bucket: string, text: { title: string; content: string }, category: string, n: number) => {
    for (const gram of ['', ...frequencyGrams(text)]) {
      const key = `${bucket}\u0000${gram}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    rows.push({
      number: `JY-B-${n}`, queryCode: 'BENCHXXX', ...text, category, channel: 'ONLINE', receivedOn: '2026-03-02',
      receivingUnitId: unit.id, unitId: unit.id, unitPath: `/${unit.id}/`, lastEventAt: new Date(), feedbackDays: 30, feedbackDueOn: '2026-04-01',
      similarityBucket: bucket, similarityKeys: similarityKeys(bucket, text),
    });
    if (rows.length >= 400) await flush();
  };
  for (let i = 0; i < TOTAL; i += 1) {
    const bucket = bucketFor(i);
    await add(bucket, synthetic(), bucket.split('|')[1], i);
  }
  const labelled = labelledMatters.filter((m) => m.category === '城市管理').flatMap((m) => m.items.map(([title, content]) => ({ title, content })));
  const smallBucket = similarityBucket(campaigns[0], '城市管理');
  let n = TOTAL;
  for (const text of labelled) {
    await add(similarityBucket(bigCampaign, '城市管理'), text, '城市管理', n++);
    await add(smallBucket, text, '城市管理', n++);
  }
  await flush();
  const countRows = [...counts].map(([key, documents]) => {
    const [bucket, gram] = key.split('\u0000');
    return { bucket, gram, documents };
  });
  for (let i = 0; i < countRows.length; i += 2000) await db.insert(suggestionGramCounts).values(countRows.slice(i, i + 2000));
  await db.execute(sql`analyze`);
  const sizes = (await db.execute(sql`select similarity_bucket = ${similarityBucket(bigCampaign, '城市管理')} as big, count(*)::int as n from suggestions group by 1`)) as unknown as { rows: { big: boolean; n: number }[] };
  console.log(`built ${n} suggestions (${JSON.stringify(sizes.rows)}), ${countRows.length} bucket counts in ${((Date.now() - started) / 1000).toFixed(0)} s`);

  if (process.env.EXPLAIN) {
    const text = labelled[0];
    const { sqlLog } = await import('../db/client');
    const statements: string[] = [];
    await sqlLog.run(statements, () => findSimilarSuggestions(db, { bucket: similarityBucket(bigCampaign, '城市管理'), ...text }));
    console.log(statements.length, statements.map((s) => s.slice(0, 300)).join('\n---\n'));
  }
  for (const [label, bucket] of [['30,000-suggestion bucket', similarityBucket(bigCampaign, '城市管理')], ['small bucket', smallBucket]] as const) {
    for (const text of labelled.slice(0, 3)) await findSimilarSuggestions(db, { bucket, ...text }); // warm
    const times: number[] = [];
    let found = 0;
    for (const text of labelled) {
      const t0 = performance.now();
      const matches = await findSimilarSuggestions(db, { bucket, ...text });
      times.push(performance.now() - t0);
      found += matches.length;
    }
    times.sort((a, b) => a - b);
    const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))].toFixed(1);
    console.log(`${postgres ? 'PostgreSQL (Neon driver)' : 'PGlite'} ${label}: ${times.length} lookups, median ${q(0.5)} ms, p90 ${q(0.9)} ms, max ${q(1)} ms; ${found} matches`);
  }
  await close();
}

await main();
