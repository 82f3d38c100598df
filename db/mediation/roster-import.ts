/**
 * Bulk import and export of a unit's roster. Every row is checked with the same validator as the API
 * (./roster-record.ts) and reported in Chinese; nothing is written when a row is invalid unless the
 * caller asks for the valid rows only; a row equal to the stored record changes nothing (re-import is
 * idempotent). New rows are written in bulk inside one transaction: per mediator the same two events a
 * registration with a term writes (mediator.registered, mediator.appointed); a changed row goes through
 * the stream runner as updateProfile (one event with before and after).
 */
import { eq, inArray } from 'drizzle-orm';
import type { Transaction } from '../client';
import type { Session } from '../session';
import { events, mediatorAppointments, mediators, units } from '../schema';
import { ForbiddenError, InputError } from '../errors';
import { toChinaDate } from '../calendar/work-calendar';
import { MEDIATOR_REGISTERED, mediatorLifecycle, termEndsOn, termOn } from './roster-rules';
import { rosterFieldLabels, validateRosterRecord, type RosterRecord } from './roster-record';
import { readRosterFile, recordFromCells, RosterFileError, writeRosterFile, type ExportRow, type RosterFormat } from './roster-file';
import { columnsOf, mediationViewerOf, profileOf, rosterActions, unitRow, type MediatorRow } from './roster';
import { mayManageRoster } from './visibility';

export type RowOutcome = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'INVALID';

export interface ImportReport {
  imported: boolean;
  rows: { line: number; rosterKey: string; outcome: RowOutcome; issues: { field: string; message: string }[] }[];
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
}

const MAX_ROWS = 5000;

async function managedUnit(session: Session, unitId: string) {
  if (!session.actor) throw new ForbiddenError('请先登录', 'auth/unauthenticated');
  const unit = await unitRow(session.db, unitId, 'unitId');
  if (!mayManageRoster(await mediationViewerOf(session), unit.path)) throw new ForbiddenError('只能管理本单位及下级单位的调解员名册');
  return unit;
}

/** The columns of a stored record that a file row can change, in the record's own terms. */
function sameAsStored(row: MediatorRow, record: RosterRecord, home: { id: string }): boolean {
  return (
    row.name === record.name &&
    row.gender === record.gender &&
    row.birthYear === record.birthYear &&
    row.background === record.background &&
    JSON.stringify(row.specialties) === JSON.stringify(record.specialties) &&
    JSON.stringify(row.languages) === JSON.stringify(record.languages) &&
    row.homeUnitId === home.id &&
    (row.householdCode ?? null) === (record.householdCode ?? null) &&
    (row.mobile ?? null) === (record.mobile ?? null) &&
    (row.identityNumber ?? null) === (record.identityNumber ?? null) &&
    row.grade === record.grade
  );
}

export async function importRoster(session: Session, input: { unitId: string; format: RosterFormat; content: Buffer; validRowsOnly?: boolean | null }): Promise<ImportReport> {
  const unit = await managedUnit(session, input.unitId);
  let parsed;
  try {
    parsed = await readRosterFile(input.format, input.content);
  } catch (error) {
    if (error instanceof RosterFileError) throw InputError.forField('content', error.message);
    throw error;
  }
  if (!parsed.length) throw InputError.forField('content', '文件中没有调解员记录');
  if (parsed.length > MAX_ROWS) throw InputError.forField('content', `一次最多导入 ${MAX_ROWS} 行`);

  const now = session.now();
  const today = toChinaDate(now);
  const year = Number(today.slice(0, 4));
  const codes = [...new Set(parsed.map((p) => p.cells.homeDivisionCode).filter(Boolean))];
  const homes = codes.length
    ? await session.db.select({ id: units.id, path: units.path, level: units.level, code: units.divisionCode }).from(units).where(inArray(units.divisionCode, codes))
    : [];
  const homeByCode = new Map(homes.map((h) => [h.code, h]));
  const existing = await session.db.select().from(mediators).where(eq(mediators.unitId, unit.id));
  const byKey = new Map(existing.map((m) => [m.rosterKey, m]));

  const seen = new Set<string>();
  const checked = parsed.map(({ line, cells }) => {
    const issues: { field: string; message: string }[] = [];
    const result = validateRosterRecord(recordFromCells(cells), year);
    if (!result.ok) for (const i of result.issues) issues.push({ field: rosterFieldLabels[i.field as keyof RosterRecord] ?? i.field, message: i.message });
    const home = homeByCode.get(cells.homeDivisionCode);
    if (result.ok && (!home || home.level !== 'VILLAGE')) issues.push({ field: rosterFieldLabels.homeDivisionCode, message: '所在村（社区）代码不存在' });
    else if (result.ok && home && !home.path.startsWith(unit.path)) issues.push({ field: rosterFieldLabels.homeDivisionCode, message: '所在村（社区）不在聘任单位的辖区内' });
    if (cells.rosterKey && seen.has(cells.rosterKey)) issues.push({ field: rosterFieldLabels.rosterKey, message: `编号 ${cells.rosterKey} 在文件中重复` });
    seen.add(cells.rosterKey);
    const record = result.ok ? result.record : null;
    const stored = record ? byKey.get(record.rosterKey) : undefined;
    const outcome: RowOutcome = issues.length ? 'INVALID' : !stored ? 'CREATED' : sameAsStored(stored, record!, home!) ? 'UNCHANGED' : 'UPDATED';
    return { line, rosterKey: cells.rosterKey, outcome, issues, record, home, stored };
  });

  const invalid = checked.filter((c) => c.outcome === 'INVALID').length;
  const report = (imported: boolean): ImportReport => ({
    imported,
    rows: checked.map(({ line, rosterKey, outcome, issues }) => ({ line, rosterKey, outcome, issues })),
    created: imported ? checked.filter((c) => c.outcome === 'CREATED').length : 0,
    updated: imported ? checked.filter((c) => c.outcome === 'UPDATED').length : 0,
    unchanged: checked.filter((c) => c.outcome === 'UNCHANGED').length,
    invalid,
  });
  if (invalid && !input.validRowsOnly) return report(false);

  await session.db.transaction(async (tx) => {
    const fresh = checked.filter((c) => c.outcome === 'CREATED');
    await insertFresh(tx, session, unit, fresh.map((c) => ({ record: c.record!, home: c.home! })), now);
    for (const c of checked.filter((x) => x.outcome === 'UPDATED')) {
      const { termStartsOn: _t, ...fields } = c.record!;
      await rosterActions.updateProfile({ ...session, db: tx as never }, { mediatorId: c.stored!.id, expectedVersion: c.stored!.version, occurredAt: now, ...fields });
    }
  });
  return report(true);
}

const CHUNK = 500;

/** New mediators in bulk: the rows, their terms and their first events, in a few statements per 500 rows. */
async function insertFresh(tx: Transaction, session: Session, unit: { id: string; path: string }, rows: { record: RosterRecord; home: { id: string; path: string } }[], now: Date) {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const inserted = await tx
      .insert(mediators)
      .values(
        chunk.map(({ record, home }) => ({
          ...columnsOf(record, home),
          unitId: unit.id,
          unitPath: unit.path,
          status: record.termStartsOn ? ('ACTIVE' as const) : ('CANDIDATE' as const),
          version: record.termStartsOn ? 2 : 1,
          lastEventAt: now,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning();
    const startsOf = new Map(chunk.map(({ record }) => [record.rosterKey, record.termStartsOn ?? null]));
    const terms = inserted.filter((m) => startsOf.get(m.rosterKey)).map((m) => ({ mediatorId: m.id, unitId: unit.id, startsOn: startsOf.get(m.rosterKey)!, endsOn: termEndsOn(startsOf.get(m.rosterKey)!) }));
    if (terms.length) await tx.insert(mediatorAppointments).values(terms);
    const actor = session.actor!;
    const base = { actorId: actor.accountId, actorRoles: actor.roles, actorUnitId: actor.unitId, occurredAt: now, streamType: 'MEDIATOR' as const };
    await tx.insert(events).values([
      ...inserted.map((m) => ({ ...base, streamId: m.id, sequence: 1, type: MEDIATOR_REGISTERED, fromStatus: null, toStatus: 'CANDIDATE', payload: { after: profileOf(m), imported: true } })),
      ...terms.map((t) => ({
        ...base,
        streamId: t.mediatorId,
        sequence: 2,
        type: mediatorLifecycle.eventTypes.appoint,
        fromStatus: 'CANDIDATE',
        toStatus: 'ACTIVE',
        payload: { startsOn: t.startsOn, endsOn: t.endsOn, years: 3, imported: true },
      })),
    ]);
  }
}

/** The unit's own roster (not its subtree's) in the import format, ordered by roster number. */
export async function exportRoster(session: Session, input: { unitId: string; format: RosterFormat }): Promise<{ filename: string; content: Buffer; rows: number }> {
  const unit = await managedUnit(session, input.unitId);
  const rows = await session.db.query.mediators.findMany({
    where: { unitId: unit.id, status: { ne: 'REMOVED' } },
    orderBy: { rosterKey: 'asc' },
    with: { homeUnit: { columns: { divisionCode: true } }, appointments: true },
  });
  const today = toChinaDate(session.now());
  const out: ExportRow[] = rows.map((m) => ({
    ...m,
    homeDivisionCode: m.homeUnit.divisionCode,
    termStartsOn: (termOn(m.appointments, today) ?? [...m.appointments].sort((a, b) => (a.startsOn < b.startsOn ? 1 : -1))[0])?.startsOn ?? null,
  }));
  const content = await writeRosterFile(input.format, out);
  return { filename: `${unit.name}调解员名册.${input.format === 'CSV' ? 'csv' : 'xlsx'}`, content, rows: out.length };
}

