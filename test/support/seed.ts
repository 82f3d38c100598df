import { relative } from 'node:path';
import { residentIdCheckDigit } from '../../db/petitioners/identity';

/**
 * Generated test data from a seeded PRNG: people, identity numbers with valid check characters, mobiles, case
 * titles and unit codes. One seed, `TEST_SEED` (default below), makes a run's data again: it is printed when the
 * suite starts (test/support/global-setup.ts) and beside every failed test (test/support/seed-report.ts).
 *
 * Each test file draws from a stream of its own, seeded by TEST_SEED and the file's path: what a file gets does
 * not depend on which files ran before it in the worker, so `TEST_SEED=… npx vitest run test/x.test.ts` makes the
 * failing file's data again. Files of a worker share one database, so identity numbers, mobiles and county codes
 * are also unique in the process (a draw that was handed out already is drawn again): two files never register
 * the same person by chance (the second would be a 重复信访 of the first).
 */
export const DEFAULT_TEST_SEED = 20260601;

export function testSeed(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.TEST_SEED;
  if (text === undefined || text === '') return DEFAULT_TEST_SEED;
  const seed = Number(text);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`TEST_SEED must be a whole number ≥ 0, not ${JSON.stringify(text)}`);
  return seed;
}

/** mulberry32: a small, well-known seeded PRNG (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a: a file's path as 32 bits, mixed into the seed. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (const char of text) h = Math.imul(h ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return h;
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '建国', '桂兰', '志强', '海燕', '德华', '玉梅'];
const MOBILE_PREFIXES = ['130', '131', '132', '135', '136', '137', '138', '139', '150', '151', '152', '158', '159', '166', '177', '180', '186', '187', '188', '191', '198', '199'];
/** Real county-level codes (GB/T 2260) an identity number may start with; the check does not look at them. */
const REGIONS = ['110105', '110108', '310104', '320106', '330106', '420106', '440305', '500118', '500103', '510107', '610113'];
const MATTERS = ['拖欠工资', '噪音扰民', '宅基地纠纷', '征地补偿', '物业收费', '低保申请', '医保报销', '道路积水', '违章建筑', '垃圾清运', '停水停电', '学位分配'];
const PLACES = ['村', '社区', '小区', '工地', '街道', '市场'];

const issued = { identityNumbers: new Set<string>(), mobiles: new Set<string>(), countyCodes: new Set<string>() };

export interface Person {
  name: string;
  identityNumber: string;
  mobile: string;
}

export interface Generator {
  /** The seed this stream was made from (TEST_SEED with the file mixed in). */
  readonly seed: number;
  /** A whole number in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** A Chinese name: surname and one- or two-character given name. */
  personName(): string;
  /** A valid 18-character 居民身份证号 (real birth date between 1945 and 2005, valid check character), unique in the process. */
  identityNumber(): string;
  /** A mainland mobile (1[3-9] and nine more digits), unique in the process. */
  mobile(): string;
  person(): Person;
  /** A case or session title: a matter and where, e.g. '甲村拖欠工资（17）'. */
  title(): string;
  /** A 6-digit county division code, unique in the process (each fixture's tree has its own). */
  countyCode(): string;
}

export function generator(seed: number): Generator {
  const random = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const unique = (set: Set<string>, draw: () => string): string => {
    for (;;) {
      const value = draw();
      if (!set.has(value)) {
        set.add(value);
        return value;
      }
    }
  };
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const personName = () => pick(SURNAMES) + pick(GIVEN);
  const identityNumber = () =>
    unique(issued.identityNumbers, () => {
      const born = new Date(Date.UTC(1945, 0, 1) + int(0, 60 * 365) * 86_400_000);
      const first17 = `${pick(REGIONS)}${born.getUTCFullYear()}${pad(born.getUTCMonth() + 1, 2)}${pad(born.getUTCDate(), 2)}${pad(int(0, 999), 3)}`;
      return first17 + residentIdCheckDigit(first17);
    });
  const mobile = () => unique(issued.mobiles, () => `${pick(MOBILE_PREFIXES)}${pad(int(0, 99_999_999), 8)}`);
  return {
    seed,
    int,
    pick,
    personName,
    identityNumber,
    mobile,
    person: () => ({ name: personName(), identityNumber: identityNumber(), mobile: mobile() }),
    title: () => `${pick(['甲', '乙', '丙', '丁'])}${pick(PLACES)}${pick(MATTERS)}（${int(1, 99)}）`,
    countyCode: () => unique(issued.countyCodes, () => `${int(11, 65)}${pad(int(1, 99), 2)}${pad(int(10, 99), 2)}`),
  };
}

/**
 * How the API shows a generated value to a reader without the right to the whole (DOMAIN.md's masking rule,
 * restated here rather than imported, so a test of the masking can fail): identity numbers keep the first three
 * and last four characters, mobiles the first three and last four digits, names the surname.
 */
export const masked = {
  identityNumber: (id: string) => `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`,
  mobile: (mobile: string) => `${mobile.slice(0, 3)}****${mobile.slice(-4)}`,
  name: (name: string) => `${name[0]}${'*'.repeat(name.length - 1)}`,
};

let current: Generator | undefined;
let currentFile: string | undefined;

/** Starts the stream of a test file (test/support/seed-report.ts calls it before each file runs). */
export function startFileStream(file: string): Generator {
  currentFile = relative(process.cwd(), file).split('\\').join('/');
  current = generator((testSeed() ^ hash32(currentFile)) >>> 0);
  return current;
}

/** The running file's stream (a stream of TEST_SEED alone outside a test file). */
export function fake(): Generator {
  current ??= generator(testSeed());
  return current;
}

/** What a failed test prints so its data can be made again. */
export function seedReport(): string {
  return `generated test data: TEST_SEED=${testSeed()}${currentFile ? ` (file stream of ${currentFile})` : ''}; run again with TEST_SEED=${testSeed()} to get the same data`;
}
