import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Database } from '../db/client';
import { events, mediators } from '../db/schema';
import { testDatabase } from './support/database';
import { buildFixture, type Fixture } from './support/fixtures';
import { gql, testApp } from './support/app';
import { gid } from './support/mediation';
import type { App } from '../schema/yoga';

let db: Database;
let app: App;
let fx: Fixture;
const now = new Date('2026-06-01T02:00:00Z');
const header = ['编号', '姓名', '性别', '出生年份', '背景', '专长', '语言方言', '所在村（社区）代码', '户号', '手机号', '身份证号', '等级', '聘期开始'];

beforeAll(async () => {
  db = (await testDatabase()).db;
  app = testApp(db, { now: () => now });
  fx = await buildFixture(db);
});

function row(key: string, over: Partial<Record<(typeof header)[number], string>> = {}) {
  const base: Record<string, string> = {
    编号: key,
    姓名: `调解员${key}`,
    性别: '女',
    出生年份: '1962',
    背景: '教师',
    专长: '婚姻家庭、邻里纠纷',
    语言方言: '普通话、永川话',
    '所在村（社区）代码': fx.units.villageA.divisionCode,
    户号: '',
    手机号: '13700001111',
    身份证号: '',
    等级: '二级',
    聘期开始: '2026-01-01',
    ...over,
  };
  return header.map((h) => base[h]);
}

async function xlsx(rows: string[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('名册');
  sheet.addRow(header);
  rows.forEach((r) => sheet.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}
const csv = (rows: string[][]) => Buffer.from([header, ...rows].map((r) => r.join(',')).join('\n'), 'utf8').toString('base64');

const IMPORT = `mutation($input: ImportMediatorRosterInput!) { importMediatorRoster(input: $input) {
  __typename ... on MutationImportMediatorRosterSuccess { data { imported created updated unchanged invalid rows { line rosterKey outcome issues { field message } } } }
  ... on Error { code message } } }`;
async function importFile(unitId: string, format: 'XLSX' | 'CSV', contentBase64: string, validRowsOnly = false) {
  const r = await gql(app, IMPORT, { input: { unitId: gid('Unit', unitId), format, contentBase64, validRowsOnly } }, fx.tokens.admin);
  if (r.errors) throw new Error(JSON.stringify(r.errors));
  const p = r.data.importMediatorRoster;
  return p.data ?? p;
}
const rosterOf = (unitId: string) => db.select().from(mediators).where(eq(mediators.unitId, unitId)).orderBy(mediators.rosterKey);

describe('roster import and export', () => {
  it('imports a good .xlsx: every row created, appointed, with its two events; the same file again changes nothing', async () => {
    const file = await xlsx([row('X001'), row('X002', { 性别: '男', 专长: '土地宅基地', 等级: '首席' }), row('X003', { 聘期开始: '' })]);
    const first = await importFile(fx.units.townA.id, 'XLSX', file);
    expect(first).toMatchObject({ imported: true, created: 3, updated: 0, unchanged: 0, invalid: 0 });
    const stored = await rosterOf(fx.units.townA.id);
    expect(stored.map((m) => [m.rosterKey, m.gender, m.grade, m.status, m.specialties, m.languages])).toEqual([
      ['X001', 'FEMALE', 'SECOND', 'ACTIVE', ['MARRIAGE_FAMILY', 'NEIGHBOURHOOD'], ['普通话', '永川话']],
      ['X002', 'MALE', 'CHIEF', 'ACTIVE', ['LAND_HOMESTEAD'], ['普通话', '永川话']],
      ['X003', 'FEMALE', 'SECOND', 'CANDIDATE', ['MARRIAGE_FAMILY', 'NEIGHBOURHOOD'], ['普通话', '永川话']],
    ]);
    const history = await db.select({ sequence: events.sequence, type: events.type }).from(events).where(and(eq(events.streamType, 'MEDIATOR'), eq(events.streamId, stored[0].id))).orderBy(events.sequence);
    expect(history).toEqual([
      { sequence: 1, type: 'mediator.registered' },
      { sequence: 2, type: 'mediator.appointed' },
    ]);
    const eventCount = await db.$count(events, eq(events.streamType, 'MEDIATOR'));
    const again = await importFile(fx.units.townA.id, 'XLSX', file);
    expect(again).toMatchObject({ imported: true, created: 0, updated: 0, unchanged: 3, invalid: 0 });
    expect(await db.$count(events, eq(events.streamType, 'MEDIATOR'))).toBe(eventCount);
  });

  it('a file with bad rows imports nothing and says per row, in Chinese, what is wrong; validRowsOnly imports the rest', async () => {
    const file = csv([
      row('B001'),
      row('B002', { 性别: '未知', 出生年份: '2015', 专长: '婚姻家庭、算命' }),
      row('B003', { 手机号: '12345', '所在村（社区）代码': '999999999999' }),
      row('B001'),
    ]);
    const refused = await importFile(fx.units.county.id, 'CSV', file);
    expect(refused.imported).toBe(false);
    expect(refused.rows).toEqual([
      { line: 2, rosterKey: 'B001', outcome: 'CREATED', issues: [] },
      {
        line: 3,
        rosterKey: 'B002',
        outcome: 'INVALID',
        issues: [
          { field: '性别', message: '性别应为 男 或 女' },
          { field: '出生年份', message: '调解员须年满 18 周岁' },
          { field: '专长', message: '专长不在可选范围内' },
        ],
      },
      { line: 4, rosterKey: 'B003', outcome: 'INVALID', issues: [{ field: '手机号', message: expect.stringContaining('手机号') }] },
      { line: 5, rosterKey: 'B001', outcome: 'INVALID', issues: [{ field: '编号', message: '编号 B001 在文件中重复' }] },
    ]);
    expect(await rosterOf(fx.units.county.id)).toEqual([]);
    const partial = await importFile(fx.units.county.id, 'CSV', file, true);
    expect(partial).toMatchObject({ imported: true, created: 1, invalid: 3 });
    expect((await rosterOf(fx.units.county.id)).map((m) => m.rosterKey)).toEqual(['B001']);
  });

  it('refuses a malformed and an empty file with a typed error', async () => {
    const malformed = await importFile(fx.units.townA.id, 'XLSX', Buffer.from('这不是表格').toString('base64'));
    expect(malformed).toMatchObject({ code: 'input/invalid', message: '不是有效的 .xlsx 文件' });
    const wrongColumns = await importFile(fx.units.townA.id, 'CSV', Buffer.from('name,phone\n张三,1').toString('base64'));
    expect(wrongColumns.code).toBe('input/invalid');
    expect(wrongColumns.message).toMatch(/^缺少列：编号、姓名/);
    const empty = await importFile(fx.units.townA.id, 'CSV', Buffer.from(header.join(',')).toString('base64'));
    expect(empty).toMatchObject({ code: 'input/invalid', message: '文件中没有调解员记录' });
  });

  it('an export re-imports unchanged, in both formats; a changed row is one update with before and after', async () => {
    for (const format of ['XLSX', 'CSV'] as const) {
      const exported = await gql(app, `query($u: ID!, $f: RosterFileFormat!) { exportMediatorRoster(unitId: $u, format: $f) { filename rows contentBase64 } }`, { u: gid('Unit', fx.units.townA.id), f: format }, fx.tokens.admin);
      const file = exported.data.exportMediatorRoster;
      expect(file.rows).toBe(3);
      const back = await importFile(fx.units.townA.id, format, file.contentBase64);
      expect(back).toMatchObject({ imported: true, created: 0, updated: 0, unchanged: 3, invalid: 0 });
    }
    const changed = await importFile(fx.units.townA.id, 'CSV', csv([row('X001', { 等级: '一级' })]));
    expect(changed).toMatchObject({ updated: 1, unchanged: 0 });
    const [x1] = await rosterOf(fx.units.townA.id);
    const [last] = await db.select({ type: events.type, payload: events.payload }).from(events).where(and(eq(events.streamId, x1.id), eq(events.sequence, 3)));
    expect(last).toEqual({ type: 'mediator.profile_updated', payload: { before: { grade: 'SECOND' }, after: { grade: 'FIRST' } } });
  });

  it('only an admin of the unit may import or export', async () => {
    const r = await gql(app, IMPORT, { input: { unitId: gid('Unit', fx.units.townA.id), format: 'CSV', contentBase64: csv([row('Z1')]) } }, fx.tokens.townAStaff);
    expect(r.data.importMediatorRoster).toMatchObject({ __typename: 'ForbiddenError' });
    const e = await gql(app, `query($u: ID!) { exportMediatorRoster(unitId: $u, format: CSV) { rows } }`, { u: gid('Unit', fx.units.townA.id) }, fx.tokens.mediator);
    expect(e.errors?.[0].extensions?.code).toBe('auth/forbidden');
  });
});
