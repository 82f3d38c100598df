/**
 * Import of a 2,000-row roster (.xlsx and .csv) on in-memory PGlite through the service, as an admin of the
 * county: the first import (every row created, appointed, two events each) and the same file again (nothing
 * changes). `tsx bench/roster-import.ts [--rows 2000]`; run it under the shared lock like every benchmark.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client';
import { prepareDatabase } from '../db/prepare';
import { createUnit } from '../db/units/service';
import { accounts } from '../db/schema';
import { importRoster } from '../db/mediation/roster-import';
import { writeRosterFile, type ExportRow } from '../db/mediation/roster-file';
import type { Session } from '../db/session';

const { values: args } = parseArgs({ options: { rows: { type: 'string', default: '2000' } } });
const count = Number(args.rows);
const handle = await openDatabase({ dataDir: 'memory://' });
await prepareDatabase(handle);
const db = handle.db;
const county = await createUnit(db, { parentId: null, level: 'COUNTY', kind: 'GOVERNMENT', divisionCode: '500118', name: '永川区' });
const town = await createUnit(db, { parentId: county.id, level: 'TOWNSHIP', kind: 'GOVERNMENT', divisionCode: '500118104', name: '来苏镇' });
const village = await createUnit(db, { parentId: town.id, level: 'VILLAGE', kind: 'COMMUNITY', divisionCode: '500118104201', name: '观音井村' });
const [admin] = await db.insert(accounts).values({ username: 'bench-admin', displayName: '管理员', unitId: county.id, roles: ['ADMIN'] }).returning();
const now = new Date('2026-06-01T02:00:00Z');
const session: Session = { db, actor: { accountId: admin.id, displayName: admin.displayName, roles: ['ADMIN'], unitId: county.id, petitionerId: null }, unitPath: county.path, now: () => now };

const rows: ExportRow[] = Array.from({ length: count }, (_, i) => ({
  rosterKey: `B${String(i + 1).padStart(5, '0')}`,
  name: `调解员${i + 1}`,
  gender: i % 2 ? 'FEMALE' : 'MALE',
  birthYear: 1950 + (i % 40),
  background: 'TEACHER',
  specialties: ['NEIGHBOURHOOD', 'MARRIAGE_FAMILY'],
  languages: ['普通话', '永川话'],
  homeDivisionCode: village.divisionCode,
  householdCode: null,
  mobile: `137${String(i).padStart(8, '0')}`,
  identityNumber: null,
  grade: 'SECOND',
  termStartsOn: '2026-01-01',
})) as never;

// XLSX into the county's roster, CSV into the township's: each first import creates every row.
for (const [format, unitId] of [['XLSX', county.id], ['CSV', town.id]] as const) {
  const content = await writeRosterFile(format, rows);
  for (const pass of ['first import', 'same file again']) {
    const started = performance.now();
    const report = await importRoster(session, { unitId, format, content });
    const seconds = (performance.now() - started) / 1000;
    console.log(`${format} ${count} rows, ${pass}: ${seconds.toFixed(2)} s (created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, invalid ${report.invalid})`);
  }
}
await handle.close();
process.exit(0);
