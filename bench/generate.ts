/**
 * Fills a fresh database on the local PostgreSQL server with a province's worth of 信访 data,
 * reproducibly from a seed:
 *   - a unit tree: province → 15 cities (the capital about three times the size of the others)
 *     → 8–12 counties each → 6–12 townships → 3–8 villages, with petition offices (信访局/办),
 *     discipline inspection units and departments at province, city and county level;
 *   - staff accounts (offices, township cadres) and one benchmark viewer per city;
 *   - petitioners (≈0.85 per case: repeat petitioners happen), persons with valid-format
 *     identity numbers and a few organisations;
 *   - cases spread over the tree (newer ones still open, older ones closed), with 1–6
 *     petitioners (group petitions), sometimes an agent, and 1–16 events each (≈10 on
 *     average) following the lifecycle's transitions: gap-free `sequence`, `version` = the
 *     event count, `last_event_at` = the last event, milestone dates taken from the events;
 *   - 1% of all cases due (next_due_on ≤ the anchor date) for the deadline sweep.
 * Small tables (units, accounts) come from a seeded PRNG in JS; the large ones are built by
 * INSERT … SELECT over generate_series with hash-based pseudo-randomness
 * (hashint8extended(i, seed·k)), so a row depends only on (seed, row number). Secondary
 * indexes, unique constraints and foreign keys of the bulk tables are dropped for the load and
 * re-created (from their catalog definitions) afterwards, then the tables are vacuumed and
 * analysed, as a long-lived production table would be.
 *
 * A marker row (bench.meta) records the generator version, seed and size, so a finished
 * dataset is reused by later runs (`ensureDataset`), after applying any newer app migrations.
 *
 * CLI: tsx bench/generate.ts --cases 10000 [--name xf_bench_10k] [--seed 20261101] [--force]
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { PoolClient } from '@neondatabase/serverless';
import { openDatabase } from '../db/client';
import type { CaseEventType, CaseStatus } from '../db/cases/vocabulary';
import { adminQuery, benchProxy, closeBenchProxy, databaseExists, databaseUrl, quoteIdent, withClient } from './pg';

/** Bump when the generated data changes shape: older datasets are then regenerated. */
export const GENERATOR_VERSION = 4;
export const DEFAULT_SEED = 20261101;
/** "Today" of the generated data: dates are relative to it, so a seed gives the same rows on any day. */
export const ANCHOR_DATE = '2026-11-01';

export interface DatasetSpec {
  name: string;
  cases: number;
  seed?: number;
  /** Regenerate even if a finished dataset with the same marker exists. */
  force?: boolean;
  log?: (line: string) => void;
}

export interface DatasetInfo {
  name: string;
  url: string;
  cases: number;
  seed: number;
  anchorDate: string;
  reused: boolean;
  seconds: number;
  counts: Record<string, number>;
  /** The unit whose subtree the benchmark lists (the capital city) and a STAFF account there. */
  viewer: { accountId: string; unitId: string; unitPath: string; divisionCode: string; displayName: string };
  /** Tables that exist in the migrated schema and are not filled by this generator. */
  unfilledTables: string[];
}

// ---------------------------------------------------------------------------
// Deterministic randomness

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuidFrom(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

// ---------------------------------------------------------------------------
// The unit tree (JS, small)

const cityNames = ['江州', '临川', '云溪', '青阳', '安平', '白河', '新丰', '石门', '龙泉', '桃源', '长宁', '东湖', '南屏', '西岭', '北岸'];
const countyWords = ['城关', '平安', '永和', '兴华', '清河', '凤凰', '金山', '望江', '松林', '双桥', '高坪', '红岩'];
const townWords = ['和平', '新华', '胜利', '光明', '建设', '解放', '幸福', '团结', '红星', '长青', '前进', '东风'];
const villageWords = ['杨柳', '李家', '王庄', '观音', '龙井', '柏树', '竹林', '石桥', '水口', '大田'];

type Level = 'PROVINCE' | 'CITY' | 'COUNTY' | 'TOWNSHIP' | 'VILLAGE';
type Kind = 'PETITION_OFFICE' | 'GOVERNMENT' | 'DEPARTMENT' | 'DISCIPLINE_INSPECTION' | 'COMMUNITY';
interface UnitRow {
  id: string;
  parentId: string | null;
  level: Level;
  kind: Kind;
  code: string;
  name: string;
  path: string;
}
interface AccountRow {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  roles: string[];
}
interface CountyRow {
  county: number;
  city: number;
  code: string;
  gov: UnitRow;
  office: UnitRow;
  discipline: UnitRow;
  cityOffice: UnitRow;
  staffId: string;
  disciplineStaffId: string;
  cityStaffId: string;
  /** Units that handle cases: departments, townships, villages. */
  slots: { unit: UnitRow; placeCode: string; township: boolean }[];
  townships: UnitRow[];
}

function buildTree(seed: number, small: boolean) {
  const rand = mulberry32(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const units: UnitRow[] = [];
  const accounts: AccountRow[] = [];
  const add = (parent: UnitRow | null, level: Level, kind: Kind, code: string, name: string): UnitRow => {
    const id = uuidFrom(rand);
    const row = { id, parentId: parent?.id ?? null, level, kind, code, name, path: `${parent?.path ?? '/'}${id}/` };
    units.push(row);
    return row;
  };
  const staff = (unit: UnitRow, n: number, roles: string[], label: string) => {
    const ids: string[] = [];
    for (let k = 1; k <= n; k++) {
      const id = uuidFrom(rand);
      accounts.push({ id, username: `${roles[0].toLowerCase()}-${unit.code}-${k}`, displayName: `${unit.name} ${label}${k}`, unitId: unit.id, roles });
      ids.push(id);
    }
    return ids;
  };

  const province = add(null, 'PROVINCE', 'GOVERNMENT', '430000', '湘中省人民政府');
  const provinceOffice = add(province, 'PROVINCE', 'PETITION_OFFICE', '430000-XFB', '湘中省信访局');
  add(province, 'PROVINCE', 'DISCIPLINE_INSPECTION', '430000-JW', '湘中省纪委监委');
  const provinceStaff = staff(provinceOffice, 3, ['STAFF'], '信访干部');
  staff(provinceOffice, 1, ['LEADER', 'STAFF'], '处长');
  staff(provinceOffice, 1, ['SUPERVISOR'], '督查专员');

  const counties: CountyRow[] = [];
  const cityCount = small ? 2 : 15;
  const viewers: AccountRow[] = [];
  const cityWeights: number[] = [];
  for (let c = 1; c <= cityCount; c++) {
    const cc = String(c).padStart(2, '0');
    const cityName = cityNames[c - 1];
    const city = add(province, 'CITY', 'GOVERNMENT', `43${cc}00`, `${cityName}市人民政府`);
    const cityOffice = add(city, 'CITY', 'PETITION_OFFICE', `43${cc}00-XFB`, `${cityName}市信访局`);
    add(city, 'CITY', 'DISCIPLINE_INSPECTION', `43${cc}00-JW`, `${cityName}市纪委监委`);
    const [cityStaffId] = staff(cityOffice, 3, ['STAFF'], '信访干部');
    staff(cityOffice, 1, ['LEADER', 'STAFF'], '科长');
    // The benchmark's viewer: city-level staff, reading the city's subtree.
    const viewerId = uuidFrom(rand);
    const viewer = { id: viewerId, username: `bench-viewer-43${cc}00`, displayName: `${cityName}市 基准测试账号`, unitId: city.id, roles: ['STAFF'] };
    accounts.push(viewer);
    viewers.push(viewer);
    const countyCount = small ? 2 : int(8, 12);
    const cityWeight = c === 1 ? 3 : 0.6 + rand() * 0.8;
    cityWeights.push(cityWeight);
    for (let k = 1; k <= countyCount; k++) {
      const code = `43${cc}${String(k).padStart(2, '0')}`;
      const countyName = `${countyWords[(k - 1) % countyWords.length]}${k > 12 ? k : ''}${k % 3 === 0 ? '区' : '县'}`;
      const gov = add(city, 'COUNTY', 'GOVERNMENT', code, `${cityName}市${countyName}人民政府`);
      const office = add(gov, 'COUNTY', 'PETITION_OFFICE', `${code}-XFB`, `${countyName}信访局`);
      const discipline = add(gov, 'COUNTY', 'DISCIPLINE_INSPECTION', `${code}-JW`, `${countyName}纪委监委`);
      const labour = add(gov, 'COUNTY', 'DEPARTMENT', `${code}-RSJ`, `${countyName}人力资源和社会保障局`);
      const housing = add(gov, 'COUNTY', 'DEPARTMENT', `${code}-ZJJ`, `${countyName}住房和城乡建设局`);
      const [staffId] = staff(office, 2, ['STAFF'], '信访干部');
      staff(office, 1, ['LEADER', 'STAFF'], '局长');
      const [disciplineStaffId] = staff(discipline, 1, ['STAFF'], '信访室');
      const row: CountyRow = {
        county: counties.length,
        city: c,
        code,
        gov,
        office,
        discipline,
        cityOffice,
        staffId,
        disciplineStaffId,
        cityStaffId,
        slots: [
          { unit: labour, placeCode: code, township: false },
          { unit: housing, placeCode: code, township: false },
        ],
        townships: [],
      };
      const townCount = small ? 2 : int(6, 12);
      for (let t = 1; t <= townCount; t++) {
        const tcode = `${code}${String(t).padStart(3, '0')}`;
        const street = t % 4 === 0;
        const town = add(gov, 'TOWNSHIP', 'GOVERNMENT', tcode, `${townWords[(t - 1) % townWords.length]}${street ? '街道办事处' : '镇人民政府'}`);
        staff(town, 1, ['STAFF'], '信访干部');
        row.townships.push(town);
        row.slots.push({ unit: town, placeCode: tcode, township: true });
        const villageCount = small ? 2 : int(3, 8);
        for (let v = 1; v <= villageCount; v++) {
          const vcode = `${tcode}${String(v).padStart(3, '0')}`;
          const village = add(town, 'VILLAGE', 'COMMUNITY', vcode, `${villageWords[(v - 1) % villageWords.length]}${street ? '社区' : '村'}`);
          row.slots.push({ unit: village, placeCode: vcode, township: false });
        }
      }
      counties.push(row);
    }
  }
  // County weights: the city's weight shared by its counties, each ×0.5–1.5.
  const weights = counties.map((row) => cityWeights[row.city - 1] * (0.5 + rand()) / counties.filter((o) => o.city === row.city).length);
  return { units, accounts, counties, weights, province, provinceOffice, provinceStaffId: provinceStaff[0], viewers };
}

// ---------------------------------------------------------------------------
// Statuses, their paths through the lifecycle and the events that may follow

interface StatusSpec {
  status: string;
  /** Share of cases, per mille. */
  share: number;
  /**
   * open: a unit clock runs from the last transition (`limit` days): 1/32 of these are due
   * (due date 0–5 days ago), the rest due in 4 days or more (so not yet in the warning lead).
   * window: the petitioner's review window runs (`limit` days) and has not ended.
   * ended: no clock runs; received 1–3 years ago.
   */
  stage: 'open' | 'window' | 'ended';
  limit: number;
  path: [type: CaseEventType, to: CaseStatus][];
  minFill: number;
  maxFill: number;
  fillers: CaseEventType[];
  /** open/window: days between transitions (a range); ended: days from receipt to the last transition. */
  stepDays: [number, number];
  /** ended: received this many days before the anchor. */
  ageDays: [number, number];
}

const R = ['case.registered', 'REGISTERED'] as [CaseEventType, CaseStatus];
const P = ['case.assigned', 'PENDING_ACCEPTANCE'] as [CaseEventType, CaseStatus];
const A = ['case.accepted', 'ACCEPTED'] as [CaseEventType, CaseStatus];
const D = ['case.decided', 'DECIDED'] as [CaseEventType, CaseStatus];
const RQ = ['case.review_requested', 'REVIEW_REQUESTED'] as [CaseEventType, CaseStatus];
const RD = ['case.reviewed', 'REVIEWED'] as [CaseEventType, CaseStatus];
const statusSpecs: StatusSpec[] = [
  { status: 'CLOSED', share: 560, stage: 'ended', limit: 0, path: [R, P, A, D, ['case.closed', 'CLOSED']], minFill: 3, maxFill: 9, fillers: ['case.followed_up', 'case.evaluated', 'case.followed_up'], stepDays: [40, 120], ageDays: [120, 1095] },
  { status: 'DECIDED', share: 40, stage: 'window', limit: 30, path: [R, P, A, D], minFill: 2, maxFill: 8, fillers: ['case.followed_up', 'case.evaluated'], stepDays: [5, 20], ageDays: [0, 0] },
  { status: 'ACCEPTED', share: 220, stage: 'open', limit: 60, path: [R, P, A], minFill: 2, maxFill: 10, fillers: ['case.supervised', 'case.extended', 'case.hearing_recorded', 'case.case_leader_set'], stepDays: [1, 7], ageDays: [0, 0] },
  { status: 'PENDING_ACCEPTANCE', share: 60, stage: 'open', limit: 15, path: [R, P], minFill: 0, maxFill: 3, fillers: ['case.supervised'], stepDays: [1, 7], ageDays: [0, 0] },
  { status: 'REGISTERED', share: 30, stage: 'open', limit: 15, path: [R], minFill: 0, maxFill: 1, fillers: ['case.supervised'], stepDays: [0, 0], ageDays: [0, 0] },
  { status: 'REVIEW_REQUESTED', share: 20, stage: 'open', limit: 30, path: [R, P, A, D, RQ], minFill: 1, maxFill: 5, fillers: ['case.supervised'], stepDays: [5, 25], ageDays: [0, 0] },
  { status: 'REVIEWED', share: 10, stage: 'window', limit: 30, path: [R, P, A, D, RQ, RD], minFill: 1, maxFill: 5, fillers: ['case.followed_up'], stepDays: [5, 25], ageDays: [0, 0] },
  { status: 'DECLINED', share: 50, stage: 'ended', limit: 0, path: [R, ['case.declined', 'DECLINED']], minFill: 0, maxFill: 2, fillers: ['case.followed_up'], stepDays: [3, 14], ageDays: [20, 1095] },
  {
    status: 'CONCLUDED',
    share: 10,
    stage: 'ended',
    limit: 0,
    path: [R, P, A, D, RQ, RD, ['case.re_review_requested', 'REREVIEW_REQUESTED'], ['case.re_reviewed', 'CONCLUDED']],
    minFill: 1,
    maxFill: 5,
    fillers: ['case.followed_up'],
    stepDays: [150, 250],
    ageDays: [260, 1095],
  },
];

/** Transitions whose dates the cases row keeps (routed_on, accepted_on, …). */
const milestoneTypes: CaseEventType[] = ['case.assigned', 'case.accepted', 'case.declined', 'case.decided', 'case.review_requested', 'case.reviewed', 'case.re_review_requested', 'case.re_reviewed', 'case.closed'];
const stepColumn = (type: CaseEventType) => `step_${type.slice('case.'.length)}`;

const topics: [kind: string, category: string, title: string, content: string][] = [
  ['APPEAL_REQUEST', '劳动社保', '工地拖欠农民工工资', '本人在某工地务工八个月，工程结束后包工头拖欠工资三万余元，多次讨要未果，请求帮助追讨。'],
  ['APPEAL_REQUEST', '城乡建设', '小区电梯长期故障', '小区 3 栋电梯停运两个月，物业以维修资金不足为由拖延，老人出行困难，请求督促维修。'],
  ['APPEAL_REQUEST', '国土资源', '宅基地边界纠纷', '与邻居因宅基地边界发生争议，村委会调解未果，请求依法确认边界。'],
  ['SUGGESTION', '交通运输', '建议增设学校门口公交站', '建议在实验小学门口增设公交停靠站，方便学生上下学，减少接送车辆拥堵。'],
  ['SUGGESTION', '农村农业', '建议完善乡村道路路灯', '村道夜间无照明，村民出行不便且有安全隐患，建议分批安装太阳能路灯。'],
  ['ACCUSATION', '纪检监察', '反映村干部优亲厚友', '反映某村干部在低保评定中优亲厚友，将不符合条件的亲属纳入低保，请求调查。'],
  ['APPEAL_REQUEST', '环境保护', '餐馆油烟噪声扰民', '楼下餐馆油烟直排、夜间噪声大，影响居民休息，请求相关部门处理。'],
  ['APPEAL_REQUEST', '征地拆迁', '征地补偿款未足额发放', '承包地被征收后，补偿款至今未足额发放，请求核查并兑现。'],
  ['APPEAL_REQUEST', '教育', '子女入学学位分配不公', '孩子户籍在本片区却未分配到学位，请求说明分配依据并重新核查。'],
  ['APPEAL_REQUEST', '卫生健康', '医保报销被拒', '住院费用医保报销被拒，理由为材料不全，补交后仍未处理，请求督办。'],
  ['APPEAL_REQUEST', '城乡建设', '房屋交付后漏水', '新购商品房交付半年出现多处漏水，开发商拒不维修，请求主管部门协调。'],
  ['ACCUSATION', '纪检监察', '反映工作人员索要好处费', '办理不动产登记时，窗口工作人员暗示需要好处费才能加快办理，请求查处。'],
  ['SUGGESTION', '民政', '建议增设社区养老食堂', '社区老年人多，独居老人吃饭难，建议利用闲置用房开办老年食堂。'],
  ['APPEAL_REQUEST', '公安', '噪声扰民多次报警无果', '夜间广场舞音响声音过大，多次报警未能解决，请求协调管理。'],
];
const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const givenChars = '建国秀英志强丽敏伟静刚华俊芳军洋勇艳杰娟涛明超霞平辉鹏玲飞桂兰红梅文斌宇浩凯婷雪琴云波海燕'.split('');
const channelPicks = ['LETTER', 'VISIT', 'VISIT', 'ONLINE', 'ONLINE', 'ONLINE', 'PHONE', 'SMS', 'HOTLINE_12345', 'HOTLINE_12345', 'TRANSFER'];

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const arr = (xs: string[]) => `array[${xs.map(lit).join(',')}]::text[]`;

// ---------------------------------------------------------------------------

async function readMarker(name: string): Promise<Record<string, unknown> | null> {
  if (!(await databaseExists(name))) return null;
  return withClient(name, async (c) => {
    const exists = await c.query(`select to_regclass('bench.meta') is not null as ok`);
    if (!exists.rows[0].ok) return null;
    const { rows } = await c.query(`select value from bench.meta where key = 'dataset'`);
    return (rows[0]?.value as Record<string, unknown>) ?? null;
  });
}

async function migrateDatabase(name: string): Promise<void> {
  const { url } = await benchProxy();
  const handle = await openDatabase({ databaseUrl: databaseUrl(name), wsProxy: url });
  try {
    await handle.migrate();
  } finally {
    await handle.close();
  }
}

/** Returns a finished dataset, generating it unless one with the same marker exists. */
export async function ensureDataset(spec: DatasetSpec): Promise<DatasetInfo> {
  const seed = spec.seed ?? DEFAULT_SEED;
  const log = spec.log ?? ((line: string) => console.log(line));
  const wanted = { version: GENERATOR_VERSION, seed, cases: spec.cases, anchorDate: ANCHOR_DATE };
  const started = performance.now();
  if (!spec.force) {
    const marker = await readMarker(spec.name);
    if (marker && marker.version === wanted.version && marker.seed === seed && marker.cases === spec.cases && marker.finished) {
      try {
        await migrateDatabase(spec.name); // a newer app migration applies to the kept data
        log(`dataset ${spec.name}: reusing (${spec.cases} cases, seed ${seed}, generator v${GENERATOR_VERSION})`);
        const info = await describe(spec.name, seed, spec.cases, true, (performance.now() - started) / 1000);
        return info;
      } catch (error) {
        log(`dataset ${spec.name}: cannot reuse (${(error as Error).message.split('\n')[0]}); regenerating`);
      }
    }
  }
  await generate(spec.name, spec.cases, seed, log);
  return describe(spec.name, seed, spec.cases, false, (performance.now() - started) / 1000);
}

async function describe(name: string, seed: number, cases: number, reused: boolean, seconds: number): Promise<DatasetInfo> {
  return withClient(name, async (c) => {
    const counts: Record<string, number> = {};
    const { rows: tables } = await c.query(`select relname from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace and relname not like '__drizzle%' order by relname`);
    for (const { relname } of tables as { relname: string }[]) {
      counts[relname] = Number((await c.query(`select count(*)::bigint as n from public.${quoteIdent(relname)}`)).rows[0].n);
    }
    const { rows } = await c.query(`select value from bench.meta where key = 'dataset'`);
    const marker = rows[0].value as { viewer: DatasetInfo['viewer']; filled: string[] };
    const unfilledTables = Object.keys(counts).filter((t) => counts[t] === 0 && t !== 'idempotency_keys');
    return { name, url: databaseUrl(name), cases, seed, anchorDate: ANCHOR_DATE, reused, seconds, counts, viewer: marker.viewer, unfilledTables };
  });
}

const bulkTables = ['petitioners', 'cases', 'case_petitioners', 'events'];

async function generate(name: string, caseCount: number, seed: number, log: (line: string) => void): Promise<void> {
  const t0 = performance.now();
  const step = async (label: string, fn: () => Promise<unknown>) => {
    const s = performance.now();
    await fn();
    log(`  ${label.padEnd(44)} ${((performance.now() - s) / 1000).toFixed(1).padStart(6)} s`);
  };
  log(`dataset ${name}: generating ${caseCount} cases (seed ${seed})`);
  await adminQuery(`drop database if exists ${quoteIdent(name)} with (force)`);
  await adminQuery(`create database ${quoteIdent(name)}`);
  await step('migrate (app migrations)', () => migrateDatabase(name));

  const small = caseCount < 5000;
  const tree = buildTree(seed, small);
  const salt = (k: number) => `${BigInt(seed) * 1000n + BigInt(k)}`;
  /** A pseudo-random integer in [0, 2^31) from (row number, seed, k). */
  const rnd = (i: string, k: number) => `(hashint8extended((${i})::bigint, ${salt(k)}) & 2147483647)`;
  const personCount = Math.max(7, Math.round(caseCount * 0.85)) + (Math.round(caseCount * 0.85) % 7919 === 0 ? 1 : 0);

  await withClient(name, async (c: PoolClient) => {
    const q = (text: string, params?: unknown[]) => c.query(text, params);
    await q(`set synchronous_commit = off`);
    await q(`set maintenance_work_mem = '1GB'`);
    await q(`set work_mem = '256MB'`);
    await q(`create schema bench`);
    await q(`create table bench.meta (key text primary key, value jsonb not null)`);

    // Drop what slows a bulk load; re-created from the catalog afterwards.
    const { rows: fks } = await q(
      `select conname, conrelid::regclass::text as tbl, pg_get_constraintdef(oid) as def from pg_constraint
       where contype = 'f' and (conrelid::regclass::text = any($1) or confrelid::regclass::text = any($1))`,
      [bulkTables],
    );
    const { rows: uniques } = await q(
      `select conname, conrelid::regclass::text as tbl, pg_get_constraintdef(oid) as def from pg_constraint
       where contype = 'u' and conrelid::regclass::text = any($1)`,
      [bulkTables],
    );
    const { rows: indexes } = await q(
      `select i.indexname, i.indexdef from pg_indexes i
       where i.schemaname = 'public' and i.tablename = any($1)
         and not exists (select 1 from pg_constraint k where k.conname = i.indexname and k.contype in ('p', 'u'))`,
      [bulkTables],
    );
    await step('drop secondary indexes and foreign keys', async () => {
      for (const fk of fks) await q(`alter table ${fk.tbl} drop constraint ${quoteIdent(fk.conname)}`);
      for (const u of uniques) await q(`alter table ${u.tbl} drop constraint ${quoteIdent(u.conname)}`);
      for (const ix of indexes) await q(`drop index public.${quoteIdent(ix.indexname)}`);
    });

    await step(`units (${tree.units.length}) and accounts (${tree.accounts.length})`, async () => {
      for (let k = 0; k < tree.units.length; k += 1000) {
        const batch = tree.units.slice(k, k + 1000);
        const params: unknown[] = [];
        const values = batch.map((u, n) => {
          params.push(u.id, u.parentId, u.level, u.kind, u.code, u.name, u.path);
          const b = n * 7;
          return `($${b + 1}::uuid, $${b + 2}::uuid, $${b + 3}::unit_level, $${b + 4}::unit_kind, $${b + 5}, $${b + 6}, $${b + 7}, timestamptz '2020-01-01 08:00+08')`;
        });
        await q(`insert into units (id, parent_id, level, kind, division_code, name, path, created_at) values ${values.join(',')}`, params);
      }
      for (let k = 0; k < tree.accounts.length; k += 1000) {
        const batch = tree.accounts.slice(k, k + 1000);
        const params: unknown[] = [];
        const values = batch.map((a, n) => {
          params.push(a.id, a.username, a.displayName, a.unitId, `{${a.roles.join(',')}}`);
          const b = n * 5;
          return `($${b + 1}::uuid, $${b + 2}, $${b + 3}, $${b + 4}::uuid, $${b + 5}::role[], timestamptz '2020-01-01 08:00+08')`;
        });
        await q(`insert into accounts (id, username, display_name, unit_id, roles, created_at) values ${values.join(',')}`, params);
      }
    });

    await step('lookup tables', async () => {
      await q(`create table bench.counties (county int primary key, code text, gov_id uuid, office_id uuid, office_path text, office_code text,
        discipline_id uuid, discipline_path text, discipline_code text, city_office_id uuid, city_office_path text, city_office_code text,
        staff_id uuid, discipline_staff_id uuid, city_staff_id uuid, first_slot int, n_slots int, first_township int, n_townships int)`);
      await q(`create table bench.slots (slot int primary key, unit_id uuid, unit_path text, place_code text)`);
      await q(`create table bench.townships (idx int primary key, unit_id uuid, unit_path text)`);
      await q(`create table bench.county_buckets (bucket int primary key, county int)`);
      let slot = 0;
      let town = 0;
      const slotRows: unknown[][] = [];
      const townRows: unknown[][] = [];
      for (const row of tree.counties) {
        await q(`insert into bench.counties values ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19)`, [
          row.county, row.code, row.gov.id, row.office.id, row.office.path, row.office.code,
          row.discipline.id, row.discipline.path, row.discipline.code, row.cityOffice.id, row.cityOffice.path, row.cityOffice.code,
          row.staffId, row.disciplineStaffId, row.cityStaffId, slot, row.slots.length, town, row.townships.length,
        ]);
        for (const s of row.slots) slotRows.push([slot++, s.unit.id, s.unit.path, s.placeCode]);
        for (const t of row.townships) townRows.push([town++, t.id, t.path]);
      }
      for (let k = 0; k < slotRows.length; k += 2000) {
        const batch = slotRows.slice(k, k + 2000);
        await q(`insert into bench.slots select * from unnest($1::int[], $2::uuid[], $3::text[], $4::text[])`, [0, 1, 2, 3].map((col) => batch.map((r) => r[col])));
      }
      await q(`insert into bench.townships select * from unnest($1::int[], $2::uuid[], $3::text[])`, [0, 1, 2].map((col) => townRows.map((r) => r[col])));
      const total = tree.weights.reduce((a, b) => a + b, 0);
      const buckets: number[] = [];
      let acc = 0;
      tree.counties.forEach((row, n) => {
        acc += tree.weights[n];
        while (buckets.length < Math.round((acc / total) * 10000)) buckets.push(row.county);
      });
      while (buckets.length < 10000) buckets.push(tree.counties[tree.counties.length - 1].county);
      await q(`insert into bench.county_buckets select g - 1, (array[${buckets.join(',')}])[g] from generate_series(1, 10000) g`);
      await q(`create table bench.statuses (status text primary key, lo int, hi int, stage text, lim int, path_len int, min_fill int, max_fill int, step_lo int, step_hi int, age_lo int, age_hi int, fillers text[], ${milestoneTypes.map((t) => `${stepColumn(t)} int`).join(', ')})`);
      await q(`create table bench.paths (status text, step int, type text, from_status text, to_status text, primary key (status, step))`);
      let lo = 0;
      for (const s of statusSpecs) {
        const steps = milestoneTypes.map((t) => {
          const n = s.path.findIndex(([type]) => type === t);
          return n < 0 ? null : n + 1;
        });
        await q(`insert into bench.statuses values (${Array.from({ length: 13 + steps.length }, (_, n) => `$${n + 1}`).join(',')})`, [
          s.status, lo, lo + s.share, s.stage, s.limit, s.path.length, s.minFill, s.maxFill, s.stepDays[0], s.stepDays[1], s.ageDays[0], s.ageDays[1], s.fillers, ...steps,
        ]);
        lo += s.share;
        for (const [n, [type, to]] of s.path.entries()) {
          await q(`insert into bench.paths values ($1,$2,$3,$4,$5)`, [s.status, n + 1, type, n === 0 ? null : s.path[n - 1][1], to]);
        }
      }
      if (lo !== 1000) throw new Error(`status shares add up to ${lo}‰`);
      await q(`create function bench.id_check(s text) returns text immutable language sql as $f$
        select substr('10X98765432', 1 + (sum(substr(s, k, 1)::int * (array[7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2])[k]) % 11)::int, 1)
        from generate_series(1, 17) k $f$`);
    });

    await step(`petitioners (${personCount})`, () =>
      q(`insert into petitioners (id, created_at, kind, name, identity_number, mobile, address)
        select md5('p:${seed}:' || j)::uuid, timestamptz '2020-01-01 08:00+08',
          case when ${rnd('j', 11)} % 100 < 3 then 'ORGANIZATION' else 'PERSON' end::petitioner_kind,
          case when ${rnd('j', 11)} % 100 < 3 then (${arr(cityNames)})[1 + ${rnd('j', 12)} % ${cityNames.length}] || (${arr(townWords)})[1 + ${rnd('j', 13)} % ${townWords.length}] || '商贸有限公司'
               else (${arr(surnames)})[1 + ${rnd('j', 12)} % ${surnames.length}] || (${arr(givenChars)})[1 + ${rnd('j', 13)} % ${givenChars.length}]
                 || case when ${rnd('j', 14)} % 3 = 0 then '' else (${arr(givenChars)})[1 + ${rnd('j', 15)} % ${givenChars.length}] end end,
          case when ${rnd('j', 11)} % 100 < 3 then '91' || c.code || lpad(j::text, 9, '0') || 'X'
               else (select first17 || bench.id_check(first17) from (select c.code || to_char(date '1940-01-01' + ((j / ${tree.counties.length}) % 20000)::int, 'YYYYMMDD')
                       || lpad(((j / ${tree.counties.length}) / 20000)::text, 3, '0') as first17) f) end,
          '1' || (array['3','5','7','8','9'])[1 + ${rnd('j', 16)} % 5] || lpad((${rnd('j', 17)} % 1000000000)::text, 9, '0'),
          (${arr(cityNames)})[1 + ${rnd('j', 18)} % ${cityNames.length}] || '市' || (${arr(townWords)})[1 + ${rnd('j', 19)} % ${townWords.length}] || '路 ' || (1 + ${rnd('j', 20)} % 300) || ' 号'
        from generate_series(1, ${personCount}) j
        join bench.counties c on c.county = j % ${tree.counties.length}`),
    );

    await step('case plan (bench.case_src)', async () => {
      await q(`create unlogged table bench.case_src as
        with base as (
          select g as i, md5('c:${seed}:' || g)::uuid as id, b.county,
            ${rnd('g', 1)} % 1000 as sroll, ${rnd('g', 3)} as slot_roll, ${rnd('g', 4)} % 100 as recv_roll,
            ${rnd('g', 5)} % ${topics.length} as topic, ${rnd('g', 6)} % 100 as pet_roll, ${rnd('g', 7)} % 4 as group_extra,
            ${rnd('g', 8)} % ${personCount} as pet_base, ${rnd('g', 10)} % 100 < 4 as has_agent, ${rnd('g', 9)} as due_roll,
            ${rnd('g', 21)} as age_roll, ${rnd('g', 22)} as fill_roll, ${rnd('g', 23)} % 1000 as span_roll,
            ${rnd('g', 24)} % 28800 as second_of_day, ${rnd('g', 25)} % ${channelPicks.length} as channel_roll, ${rnd('g', 26)} as misc
          from generate_series(1, ${caseCount}) g
          join bench.county_buckets b on b.bucket = ${rnd('g', 2)} % 10000
        ), planned as (
          select base.*, s.status, s.stage, s.lim, s.path_len, s.fillers, ${milestoneTypes.map((t) => `s.${stepColumn(t)}`).join(', ')},
            s.path_len + s.min_fill + fill_roll % (s.max_fill - s.min_fill + 1) as n_events,
            (${arr(topics.map((t) => t[0]))})[1 + topic] as kind,
            case when s.status = 'ACCEPTED' and misc % 10 = 0 then 30 else 0 end as ext,
            s.stage = 'open' and due_roll % 32 = 0 as due,
            case when s.stage = 'ended' then least(s.step_lo + span_roll % (s.step_hi - s.step_lo + 1), s.age_lo - 1)
                 else (s.path_len - 1) * (s.step_lo + span_roll % (s.step_hi - s.step_lo + 1)) end::float8 as pre_span,
            case when s.stage = 'ended' then (s.age_lo + age_roll % (s.age_hi - s.age_lo + 1))::int end as age,
            case s.stage when 'window' then (due_roll % 29)::int
                 when 'open' then case when due_roll % 32 = 0 then s.lim + (due_roll / 32 % 6)::int
                                       else (due_roll / 32 % greatest(s.lim - 3, 1))::int end end as stage_age,
            make_interval(secs => second_of_day) as tod
          from base join bench.statuses s on base.sroll >= s.lo and base.sroll < s.hi
        ), timed as (
          select planned.*,
            case when stage = 'ended' then ((date '${ANCHOR_DATE}' - age)::timestamp + interval '8 hours' + tod) at time zone 'Asia/Shanghai'
                 else ((date '${ANCHOR_DATE}' - stage_age - ext * (case when due then 1 else 0 end))::timestamp + interval '8 hours' + tod) at time zone 'Asia/Shanghai'
                      - pre_span * interval '1 day' end as t0
          from planned
        )
        select p.*,
          c.city_office_id, c.city_staff_id,
          p.t0 as received_at,
          (p.t0 at time zone 'Asia/Shanghai')::date as received_on,
          p.t0 + p.pre_span * interval '1 day' as t_last,
          case when p.stage = 'ended' then least(extract(epoch from (timestamptz '${ANCHOR_DATE} 08:00+08' - (p.t0 + p.pre_span * interval '1 day'))) / 86400, 60) * 0.9
               else p.stage_age * 0.9 end::float8 as fill_span,
          case when p.kind = 'ACCUSATION' then c.discipline_id when p.status = 'REGISTERED' or p.recv_roll < 78 then c.office_id
               when p.recv_roll < 95 then c.city_office_id else '${tree.provinceOffice.id}'::uuid end as recv_id,
          case when p.kind = 'ACCUSATION' then c.discipline_path when p.status = 'REGISTERED' or p.recv_roll < 78 then c.office_path
               when p.recv_roll < 95 then c.city_office_path else '${tree.provinceOffice.path}' end as recv_path,
          case when p.kind = 'ACCUSATION' then c.discipline_code when p.status = 'REGISTERED' or p.recv_roll < 78 then c.office_code
               when p.recv_roll < 95 then c.city_office_code else '${tree.provinceOffice.code}' end as recv_code,
          case when p.kind = 'ACCUSATION' then c.discipline_staff_id when p.status = 'REGISTERED' or p.recv_roll < 78 then c.staff_id
               when p.recv_roll < 95 then c.city_staff_id else '${tree.provinceStaffId}'::uuid end as actor_id,
          sl.unit_id as slot_unit_id, sl.unit_path as slot_unit_path, sl.place_code,
          t.unit_id as accused_unit_id, t.unit_path as accused_unit_path,
          case when p.pet_roll < 88 then 1 when p.pet_roll < 95 then 2 else 3 + p.group_extra end as n_pet
        from timed p
        join bench.counties c on c.county = p.county
        join bench.slots sl on sl.slot = c.first_slot + p.slot_roll % c.n_slots
        join bench.townships t on t.idx = c.first_township + p.misc % c.n_townships`);
      await q(`alter table bench.case_src add primary key (i)`);
      await q(`analyze bench.case_src`);
    });

    // Transitions from receipt to the last one (t_last), evenly spaced; follow-ups after it.
    const at = (s: string) =>
      `(case when (${s}) <= cs.path_len then cs.received_at + ((${s}) - 1) * (cs.pre_span / greatest(cs.path_len - 1, 1)) * interval '1 day'
             else cs.t_last + ((${s}) - cs.path_len) * (cs.fill_span / greatest(cs.n_events - cs.path_len, 1)) * interval '1 day' end)`;
    const stepOf = (type: CaseEventType) => `cs.${stepColumn(type)}`;
    const dayOf = (type: CaseEventType) => `(${at(stepOf(type))} at time zone 'Asia/Shanghai')::date`;
    /** A due date falling on a weekend moves to Monday (holidays aside), as statutoryDueDate does. */
    const shift = (d: string) => `((${d}) + case extract(isodow from (${d})) when 6 then 2 when 7 then 1 else 0 end)`;
    const stageDay = `(cs.t_last at time zone 'Asia/Shanghai')::date`;
    const nextDue = `case when cs.stage = 'open' then ${shift(`${stageDay} + cs.lim + cs.ext`)} end`;
    const { rows: caseColumns } = await q(`select column_name from information_schema.columns where table_schema = 'public' and table_name = 'cases'`);
    const has = (column: string) => caseColumns.some((r: { column_name: string }) => r.column_name === column);
    // Columns of the lifecycle migration, when present: the indexed due state the sweep reads.
    const optional: [string, string][] = [
      ['warn_on', `${nextDue} - 3`],
      ['closes_on', `case when cs.stage = 'window' then ${shift(`${stageDay} + cs.lim`)} + 1 end`],
      ['ended_on', `case when cs.stage = 'ended' then ${stageDay} end`],
    ];
    const extra = optional.filter(([column]) => has(column));

    await step(`cases (${caseCount})`, () =>
      q(`insert into cases (id, created_at, updated_at, number, query_code, kind, category, title, content, channel, status, place_code,
          received_on, receiving_unit_id, receiving_unit_path, unit_id, unit_path, registered_by_id, petitioner_ids, version, last_event_at,
          accused_unit_id, accused_unit_path, accused_person, backlog, backlog_since, routed_on, accepted_on, declined_on, decline_reason,
          extension_days, decided_on, outcome, decision_summary, resolved, review_unit_id, review_requested_on, review_decided_on, review_outcome,
          re_review_unit_id, re_review_requested_on, re_review_decided_on, re_review_outcome, closed_on, satisfaction, next_due_on, overdue
          ${extra.map(([column]) => `, ${column}`).join('')})
        select cs.id, cs.received_at, ${at('cs.n_events')},
          cs.recv_code || '-' || extract(year from cs.received_on) || '-' || lpad(row_number() over (partition by cs.recv_id, extract(year from cs.received_on) order by cs.received_at, cs.i)::text, 6, '0'),
          translate(upper(substr(md5('q:${seed}:' || cs.i), 1, 8)), '01IOL', 'XYZWK'),
          cs.kind::case_kind, (${arr(topics.map((t) => t[1]))})[1 + cs.topic], (${arr(topics.map((t) => t[2]))})[1 + cs.topic],
          (${arr(topics.map((t) => t[3]))})[1 + cs.topic], (${arr(channelPicks)})[1 + cs.channel_roll]::channel, cs.status::case_status, cs.place_code,
          cs.received_on, cs.recv_id, cs.recv_path,
          case when cs.status in ('REGISTERED', 'DECLINED') then cs.recv_id else cs.slot_unit_id end,
          case when cs.status in ('REGISTERED', 'DECLINED') then cs.recv_path else cs.slot_unit_path end,
          cs.actor_id,
          array(select md5('p:${seed}:' || (1 + (cs.pet_base + k * 7919) % ${personCount}))::uuid from generate_series(0, cs.n_pet - 1) k order by k),
          cs.n_events, ${at('cs.n_events')},
          case when cs.kind = 'ACCUSATION' then cs.accused_unit_id end, case when cs.kind = 'ACCUSATION' then cs.accused_unit_path end,
          case when cs.kind = 'ACCUSATION' then '某村党支部书记' end,
          cs.status = 'CLOSED' and cs.misc % 100 = 0, case when cs.status = 'CLOSED' and cs.misc % 100 = 0 then cs.received_on + 120 end,
          ${dayOf('case.assigned')}, ${dayOf('case.accepted')}, ${dayOf('case.declined')},
          case when cs.status = 'DECLINED' then '不属于信访事项受理范围，已告知依法通过诉讼途径解决' end,
          case when cs.status = 'ACCEPTED' and cs.misc % 10 = 0 then 30 else 0 end,
          ${dayOf('case.decided')},
          case when ${stepOf('case.decided')} is not null then (array['SUPPORTED','PARTLY_SUPPORTED','NOT_SUPPORTED','EXPLAINED'])[1 + cs.misc % 4]::outcome end,
          case when ${stepOf('case.decided')} is not null then '经调查核实，已作出处理意见并书面告知信访人。' end,
          case when ${stepOf('case.decided')} is not null then cs.misc % 4 <> 2 end,
          case when ${stepOf('case.review_requested')} is not null then cs.city_office_id end,
          ${dayOf('case.review_requested')}, ${dayOf('case.reviewed')},
          case when ${stepOf('case.reviewed')} is not null then 'SUPPORTED'::outcome end,
          case when ${stepOf('case.re_review_requested')} is not null then '${tree.provinceOffice.id}'::uuid end,
          ${dayOf('case.re_review_requested')}, ${dayOf('case.re_reviewed')},
          case when ${stepOf('case.re_reviewed')} is not null then 'SUPPORTED'::outcome end,
          ${dayOf('case.closed')},
          case when cs.status = 'CLOSED' then (array['SATISFIED','SATISFIED','BASICALLY_SATISFIED','DISSATISFIED'])[1 + cs.misc % 4]::satisfaction end,
          ${nextDue}, cs.stage = 'open' and ${nextDue} < date '${ANCHOR_DATE}'
          ${extra.map(([, expr]) => `, ${expr}`).join('')}
        from bench.case_src cs
        order by cs.received_at, cs.i`),
    );

    await step('case_number_counters', () =>
      q(`insert into case_number_counters (unit_id, year, last_value)
        select receiving_unit_id, extract(year from received_on)::smallint, count(*) from cases group by 1, 2`),
    );

    await step('case_petitioners', async () => {
      await q(`insert into case_petitioners (case_id, petitioner_id, role, position)
        select cs.id, md5('p:${seed}:' || (1 + (cs.pet_base + k * 7919) % ${personCount}))::uuid,
          (case when k = 0 then 'PRIMARY' when cs.n_pet >= 3 and k = 1 then 'REPRESENTATIVE' else 'CO_PETITIONER' end)::participant_role, k
        from bench.case_src cs cross join lateral generate_series(0, cs.n_pet - 1) k
        order by cs.i, k`);
      await q(`insert into case_petitioners (case_id, petitioner_id, role, position)
        select cs.id, md5('p:${seed}:' || (1 + (cs.pet_base + ${Math.floor(personCount / 2) + 13}) % ${personCount}))::uuid, 'AGENT', cs.n_pet
        from bench.case_src cs where cs.has_agent
        on conflict do nothing`);
    });

    // The row trigger events_order_xid looks up each event's predecessor; with the indexes dropped that is a scan per
    // row (quadratic: the 10k dataset took over 10 minutes). Every event here is written by this one statement, so the
    // trigger would only ever answer the statement's own tx_id, which is order_xid's default: off for the load.
    const orderTrigger = (await q(`select 1 from pg_trigger where tgname = 'events_order_xid' and tgrelid = 'public.events'::regclass`)).rows.length > 0;
    if (orderTrigger) await q(`alter table events disable trigger events_order_xid`);
    await step(`events (≈${caseCount * 10})`, () =>
      q(`insert into events (stream_type, stream_id, sequence, type, actor_id, actor_roles, actor_unit_id, from_status, to_status, occurred_at, recorded_at, payload)
        select 'CASE', cs.id, s, coalesce(p.type, cs.fillers[1 + ${rnd('cs.i * 64 + s', 30)} % cardinality(cs.fillers)]),
          cs.actor_id, '{STAFF}'::role[], cs.recv_id, p.from_status, p.to_status, ${at('s')}, ${at('s')},
          case when s = 1 then jsonb_build_object('channel', (${arr(channelPicks)})[1 + cs.channel_roll], 'kind', cs.kind, 'receivedOn', cs.received_on, 'via', 'registerCase')
               when p.type is null then jsonb_build_object('note', '已电话联系信访人，告知办理进度。')
               else '{}'::jsonb end
        from bench.case_src cs
        cross join lateral generate_series(1, cs.n_events) s
        left join bench.paths p on p.status = cs.status and p.step = s
        order by ${at('s')}, cs.i, s`),
    );
    if (orderTrigger) await q(`alter table events enable trigger events_order_xid`);

    const filled: string[] = [];
    if ((await q(`select to_regclass('public.supervisions') is not null as ok`)).rows[0].ok) {
      await step('supervisions (督办)', async () => {
        try {
          // Open orders on 5% of open cases (2% of those past due, for the sweep to escalate);
          // answered ones on 3% of closed cases.
          await q(`insert into supervisions (id, created_at, case_id, from_unit_id, issued_by_id, instructions, due_on, status, answer, answered_on)
            select md5('s:${seed}:' || cs.i)::uuid, cs.t_last, cs.id, cs.city_office_id, cs.city_staff_id,
              '请于期限内办结并书面报告办理结果。',
              case when cs.stage = 'open' then date '${ANCHOR_DATE}' + case when cs.misc / 20 % 50 = 0 then -1 else 1 + (cs.misc / 20 % 20)::int end
                   else (cs.t_last at time zone 'Asia/Shanghai')::date + 10 end,
              (case when cs.stage = 'open' then 'OPEN' else 'ANSWERED' end)::supervision_status,
              case when cs.stage <> 'open' then '已按督办要求办理完毕，并向信访人反馈。' end,
              case when cs.stage <> 'open' then (cs.t_last at time zone 'Asia/Shanghai')::date + 7 end
            from bench.case_src cs
            where (cs.stage = 'open' and cs.misc % 20 = 1) or (cs.status = 'CLOSED' and cs.misc % 100 = 3)
            order by cs.t_last`);
          filled.push('supervisions');
        } catch (error) {
          log(`  supervisions not filled: ${(error as Error).message}`);
        }
      });
    }

    await step('re-create indexes, unique constraints, foreign keys', async () => {
      for (const ix of indexes) await q(ix.indexdef);
      for (const u of uniques) await q(`alter table ${u.tbl} add constraint ${quoteIdent(u.conname)} ${u.def}`);
      for (const fk of fks) await q(`alter table ${fk.tbl} add constraint ${quoteIdent(fk.conname)} ${fk.def}`);
    });

    await step('drop the plan, vacuum analyze', async () => {
      for (const t of ['case_src', 'counties', 'slots', 'townships', 'county_buckets', 'statuses', 'paths']) await q(`drop table bench.${t}`);
      await q(`drop function bench.id_check(text)`);
      await q(`vacuum (analyze) units, accounts, petitioners, cases, case_petitioners, events, case_number_counters${filled.map((t) => `, ${t}`).join('')}`);
    });

    const viewer = tree.viewers[0];
    const city = tree.units.find((u) => u.id === viewer.unitId)!;
    await q(`insert into bench.meta values ('dataset', $1)`, [
      JSON.stringify({
        version: GENERATOR_VERSION,
        seed,
        cases: caseCount,
        anchorDate: ANCHOR_DATE,
        finished: true,
        generatedAt: new Date().toISOString(),
        viewer: { accountId: viewer.id, unitId: city.id, unitPath: city.path, divisionCode: city.code, displayName: viewer.displayName },
        filled,
      }),
    ]);
  });
  log(`dataset ${name}: generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

/** Checks the app's invariants on a generated dataset; returns the problems found. */
export async function checkInvariants(name: string): Promise<string[]> {
  return withClient(name, async (c) => {
    const checks: [string, string][] = [
      ['unit_path = the unit’s path', `select count(*) from cases c join units u on u.id = c.unit_id where c.unit_path <> u.path`],
      ['receiving_unit_path = the receiving unit’s path', `select count(*) from cases c join units u on u.id = c.receiving_unit_id where c.receiving_unit_path <> u.path`],
      ['version = event count, gap-free sequence', `select count(*) from cases c join lateral (select count(*) n, max(sequence) m, min(sequence) lo from events e where e.stream_type = 'CASE' and e.stream_id = c.id) e on true where e.n <> c.version or e.m <> c.version or e.lo <> 1`],
      ['last_event_at = last event', `select count(*) from cases c where c.last_event_at <> (select max(occurred_at) from events e where e.stream_type = 'CASE' and e.stream_id = c.id)`],
      ['petitioner_ids = non-agent participants', `select count(*) from cases c where c.petitioner_ids <> array(select petitioner_id from case_petitioners p where p.case_id = c.id and p.role <> 'AGENT' order by p.position)`],
      ['status = last transition', `select count(*) from cases c where c.status::text <> (select to_status from events e where e.stream_type = 'CASE' and e.stream_id = c.id and e.to_status is not null order by sequence desc limit 1)`],
      ['unit paths extend the parent’s path', `select count(*) from units u join units p on p.id = u.parent_id where u.path <> p.path || u.id || '/'`],
    ];
    const problems: string[] = [];
    for (const [label, text] of checks) {
      const n = Number((await c.query(text)).rows[0].count);
      if (n > 0) problems.push(`${label}: ${n} rows`);
    }
    return problems;
  });
}

// CLI
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '10000' },
      name: { type: 'string' },
      seed: { type: 'string', default: String(DEFAULT_SEED) },
      force: { type: 'boolean', default: false },
      check: { type: 'boolean', default: false },
    },
  });
  const cases = Number(values.cases);
  const name = values.name ?? `xf_bench_${cases >= 1_000_000 ? `${cases / 1_000_000}m` : cases >= 1000 ? `${cases / 1000}k` : cases}`;
  try {
    const info = await ensureDataset({ name, cases, seed: Number(values.seed), force: values.force });
    console.log(JSON.stringify(info, null, 2));
    if (values.check) {
      const problems = await checkInvariants(name);
      console.log(problems.length ? `invariant problems:\n  ${problems.join('\n  ')}` : 'invariants hold');
      if (problems.length) process.exitCode = 1;
    }
  } finally {
    await closeBenchProxy();
  }
}
