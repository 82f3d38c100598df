/**
 * The roster service: registration and every later change of a mediator record, each one event on the
 * MEDIATOR stream (who, when, before, after), in the transaction that makes the change.
 */
import { and, eq, gte, isNull } from 'drizzle-orm';
import * as z from 'zod/mini';
import type { Executor, Transaction } from '../client';
import {
  mediationRooms,
  mediatorAffiliations,
  mediatorAppointments,
  mediatorAvailability,
  mediatorRelationships,
  mediators,
  mediatorTrainings,
  mediatorUnavailability,
  units,
  accounts,
} from '../schema';
import { ForbiddenError, InputError } from '../errors';
import { parseInput, text } from '../common/validate';
import { toChinaDate, type IsoDate } from '../calendar/work-calendar';
import { defineStream, recordCreation, runStreamAction, type ActionScope } from '../streams/runner';
import type { Session } from '../session';
import { MEDIATOR_REGISTERED, mediatorLifecycle, removalProblem, renewalStart, termEndsOn, type MediatorAction } from './roster-rules';
import { validateRosterRecord, type RosterRecord } from './roster-record';
import { MediationRuleError } from './errors';
import { canSeeMediator, mayManageRoster, type MediationViewer } from './visibility';
import { isClockTime, minuteOf } from './availability';
import { relationshipKindLabels, removalCauseLabels, valuesOf, type RemovalCause } from './vocabulary';

export type MediatorRow = typeof mediators.$inferSelect;

/** A session carrying its resolved mediation viewer (set by the service before the runner reads it). */
export type ViewingSession = Session & { mediationViewer?: MediationViewer };
export function viewerIn(session: ViewingSession): MediationViewer {
  return session.mediationViewer ?? { accountId: null, roles: [], unitPath: null, mediatorId: null };
}

/** The viewer of a session, with the roster record a MEDIATOR account signs in as. */
export async function mediationViewerOf(session: Session): Promise<MediationViewer> {
  const actor = session.actor;
  let mediatorId: string | null = null;
  if (actor?.roles.includes('MEDIATOR')) {
    const [row] = await session.db.select({ id: mediators.id }).from(mediators).where(eq(mediators.accountId, actor.accountId));
    mediatorId = row?.id ?? null;
  }
  return { accountId: actor?.accountId ?? null, roles: actor?.roles ?? [], unitPath: session.unitPath, mediatorId };
}

export const mediatorStream = defineStream({
  type: 'MEDIATOR',
  table: mediators,
  lifecycle: mediatorLifecycle,
  // Anyone who may read the record reaches the rule; who may change it is decided there (subtree, self).
  canRead: (session, row) => canSeeMediator(viewerIn(session), row),
  loadFacts: async () => undefined,
});

type Scope = ActionScope<typeof mediators, undefined>;
const selfActions: readonly MediatorAction[] = ['setAvailability', 'addUnavailability', 'declareRelationship'];

function assertManages(scope: Scope, action: MediatorAction, viewer: MediationViewer) {
  if (mayManageRoster(viewer, scope.row.unitPath)) return;
  if (viewer.mediatorId === scope.row.id && selfActions.includes(action)) return;
  throw new ForbiddenError('只能管理本单位及下级单位的调解员名册');
}

/** Runs one roster action: the stream runner plus the subtree check every roster change needs. */
async function rosterAction(
  session: Session,
  action: MediatorAction,
  input: { mediatorId: string; expectedVersion: number; occurredAt?: Date | null },
  rule: (scope: Scope) => Promise<{ changes?: Partial<typeof mediators.$inferInsert>; payload?: Record<string, unknown> }>,
): Promise<MediatorRow> {
  const viewer = (session as ViewingSession).mediationViewer ?? (await mediationViewerOf(session));
  return runStreamAction({ ...session, mediationViewer: viewer } as ViewingSession, mediatorStream, action, input.mediatorId, input, async (scope) => {
    assertManages(scope, action, viewer);
    return rule(scope);
  });
}

/** The public part of a record, for event payloads (no contact data, no identity number). */
export function profileOf(row: Pick<MediatorRow, 'name' | 'gender' | 'birthYear' | 'background' | 'specialties' | 'languages' | 'homeUnitId' | 'grade' | 'rosterKey'> & { householdCode?: string | null }) {
  return {
    rosterKey: row.rosterKey,
    name: row.name,
    gender: row.gender,
    birthYear: row.birthYear,
    background: row.background,
    specialties: row.specialties,
    languages: row.languages,
    homeUnitId: row.homeUnitId,
    grade: row.grade,
  };
}

export async function unitByCode(db: Executor, divisionCode: string) {
  const [row] = await db.select({ id: units.id, path: units.path, level: units.level }).from(units).where(eq(units.divisionCode, divisionCode));
  return row ?? null;
}

export async function unitRow(db: Executor, unitId: string, field: string) {
  const [row] = await db.select({ id: units.id, path: units.path, level: units.level, name: units.name }).from(units).where(eq(units.id, unitId));
  if (!row) throw InputError.forField(field, '单位不存在');
  return row;
}

function recordOrThrow(value: unknown, today: IsoDate): RosterRecord {
  const result = validateRosterRecord(value, Number(today.slice(0, 4)));
  if (!result.ok) throw new InputError(result.issues.map((i) => ({ path: [i.field], message: i.message })));
  return result.record;
}

/** The columns a validated record sets, once its home village is resolved and checked against the unit. */
export async function recordColumns(db: Executor, record: RosterRecord, unit: { path: string }) {
  const home = await unitByCode(db, record.homeDivisionCode);
  if (!home || home.level !== 'VILLAGE') throw InputError.forField('homeDivisionCode', '所在村（社区）代码不存在');
  if (!home.path.startsWith(unit.path)) throw InputError.forField('homeDivisionCode', '所在村（社区）不在聘任单位的辖区内');
  return columnsOf(record, home);
}

/** A validated record as mediator columns, its home village already resolved. */
export function columnsOf(record: RosterRecord, home: { id: string; path: string }) {
  return {
    rosterKey: record.rosterKey,
    name: record.name,
    gender: record.gender,
    birthYear: record.birthYear,
    background: record.background,
    specialties: record.specialties,
    languages: record.languages,
    homeUnitId: home.id,
    homeUnitPath: home.path,
    householdCode: record.householdCode ?? null,
    mobile: record.mobile ?? null,
    identityNumber: record.identityNumber ?? null,
    grade: record.grade,
  };
}

/** 登记入库: a CANDIDATE on the unit's roster; with `termStartsOn` it is appointed in the same step's next event. */
export async function registerMediator(session: Session, input: { unitId: string } & Record<string, unknown>): Promise<MediatorRow> {
  const actor = session.actor;
  if (!actor) throw new ForbiddenError('请先登录', 'auth/unauthenticated');
  const now = session.now();
  const today = toChinaDate(now);
  const record = recordOrThrow(input, today);
  const unit = await unitRow(session.db, input.unitId, 'unitId');
  if (!mayManageRoster({ accountId: actor.accountId, roles: actor.roles, unitPath: session.unitPath, mediatorId: null }, unit.path)) {
    throw new ForbiddenError('只能管理本单位及下级单位的调解员名册');
  }
  const columns = await recordColumns(session.db, record, unit);
  return session.db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: mediators.id }).from(mediators).where(and(eq(mediators.unitId, unit.id), eq(mediators.rosterKey, record.rosterKey)));
    if (existing) throw InputError.forField('rosterKey', `编号 ${record.rosterKey} 已在本单位名册中`);
    const row = await insertMediator(tx, session, unit, columns, now);
    if (record.termStartsOn) return appointInTx(tx, session, row, record.termStartsOn, now);
    return row;
  });
}

export async function insertMediator(tx: Transaction, session: Session, unit: { id: string; path: string }, columns: Awaited<ReturnType<typeof recordColumns>>, now: Date) {
  const [row] = await tx
    .insert(mediators)
    .values({ ...columns, unitId: unit.id, unitPath: unit.path, lastEventAt: now, createdAt: now, updatedAt: now })
    .returning();
  await recordCreation(tx, mediatorStream, {
    id: row.id,
    type: MEDIATOR_REGISTERED,
    actor: session.actor,
    toStatus: 'CANDIDATE',
    occurredAt: now,
    payload: { after: profileOf(row) },
  });
  return row;
}

/** Appointment inside an open transaction (registration with a term, import): the runner on a savepoint. */
export async function appointInTx(tx: Transaction, session: Session, row: MediatorRow, startsOn: IsoDate, now: Date, years = 3): Promise<MediatorRow> {
  return rosterActions.appoint({ ...session, db: tx as unknown as Session['db'] }, { mediatorId: row.id, expectedVersion: row.version, occurredAt: now, startsOn, years });
}

type Base = { mediatorId: string; expectedVersion: number; occurredAt?: Date | null };
const dateField = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD'));

export const rosterActions = {
  updateProfile: (session: Session, input: Base & Record<string, unknown>) =>
    rosterAction(session, 'updateProfile', input, async (scope) => {
      const current = { ...scope.row, homeDivisionCode: '' };
      const [home] = await scope.tx.select({ code: units.divisionCode }).from(units).where(eq(units.id, scope.row.homeUnitId));
      current.homeDivisionCode = home.code;
      const merged = { ...current, termStartsOn: null, ...stripBase(input) };
      const record = recordOrThrow(merged, scope.on);
      const unit = await unitRow(scope.tx, scope.row.unitId, 'unitId');
      const columns = await recordColumns(scope.tx, record, unit);
      if (columns.rosterKey !== scope.row.rosterKey) {
        const [clash] = await scope.tx.select({ id: mediators.id }).from(mediators).where(and(eq(mediators.unitId, scope.row.unitId), eq(mediators.rosterKey, columns.rosterKey)));
        if (clash) throw InputError.forField('rosterKey', `编号 ${columns.rosterKey} 已在本单位名册中`);
      }
      return { changes: columns, payload: changedFields(scope.row, columns) };
    }),

  /** 聘任 for a term (default 3 years) starting on `startsOn`. */
  appoint: (session: Session, input: Base & { startsOn: IsoDate; years?: number | null }) =>
    rosterAction(session, 'appoint', input, async (scope) => {
      const startsOn = parseInput(dateField, input.startsOn);
      const years = termYears(input.years);
      const endsOn = termEndsOn(startsOn, years);
      await scope.tx.insert(mediatorAppointments).values({ mediatorId: scope.row.id, unitId: scope.row.unitId, startsOn, endsOn });
      return { payload: { startsOn, endsOn, years } };
    }),

  /** 续聘: a new term continuing the latest one. */
  renewTerm: (session: Session, input: Base & { years?: number | null }) =>
    rosterAction(session, 'renewTerm', input, async (scope) => {
      const terms = await termsOf(scope.tx, scope.row.id);
      const startsOn = renewalStart(terms, scope.on);
      const years = termYears(input.years);
      const endsOn = termEndsOn(startsOn, years);
      await scope.tx.insert(mediatorAppointments).values({ mediatorId: scope.row.id, unitId: scope.row.unitId, startsOn, endsOn });
      return { payload: { startsOn, endsOn, years } };
    }),

  suspend: (session: Session, input: Base & { reason: string }) =>
    rosterAction(session, 'suspend', input, async () => {
      const reason = parseInput(text('暂停理由', 2, 500), input.reason);
      return { changes: { statusReason: reason }, payload: { reason } };
    }),

  reinstate: (session: Session, input: Base & { note?: string | null }) =>
    rosterAction(session, 'reinstate', input, async (scope) => ({ changes: { statusReason: null }, payload: { note: input.note ?? null, suspendedFor: scope.row.statusReason } })),

  /** 解聘 for an enumerated cause; the running term ends that day. */
  remove: (session: Session, input: Base & { cause: RemovalCause; note?: string | null }) =>
    rosterAction(session, 'remove', input, async (scope) => {
      const cause = parseInput(z.enum(valuesOf(removalCauseLabels), '解聘原因不在可选范围内'), input.cause);
      const terms = await termsOf(scope.tx, scope.row.id);
      const problem = removalProblem(cause, terms, scope.on);
      if (problem) throw new MediationRuleError('mediator/removal-cause', problem);
      await scope.tx
        .update(mediatorAppointments)
        .set({ endedOn: scope.on })
        .where(and(eq(mediatorAppointments.mediatorId, scope.row.id), isNull(mediatorAppointments.endedOn), gte(mediatorAppointments.endsOn, scope.on)));
      return { changes: { removalCause: cause, statusReason: input.note ?? null }, payload: { cause, causeLabel: removalCauseLabels[cause], note: input.note ?? null } };
    }),

  affiliate: (session: Session, input: Base & { roomId: string }) =>
    rosterAction(session, 'affiliate', input, async (scope) => {
      const [room] = await scope.tx.select({ id: mediationRooms.id, name: mediationRooms.name, unitPath: mediationRooms.unitPath }).from(mediationRooms).where(eq(mediationRooms.id, input.roomId));
      // A mediator sits in rooms of the unit line that appointed them (their county's halls).
      if (!room || !(room.unitPath.startsWith(scope.row.unitPath) || scope.row.unitPath.startsWith(room.unitPath))) throw InputError.forField('roomId', '场所不存在或不在聘任单位辖区');
      const inserted = await scope.tx.insert(mediatorAffiliations).values({ mediatorId: scope.row.id, roomId: room.id, since: scope.on }).onConflictDoNothing().returning();
      if (!inserted.length) throw new MediationRuleError('mediator/already-affiliated', `已是${room.name}的调解员`);
      return { payload: { roomId: room.id, roomName: room.name } };
    }),

  leaveRoom: (session: Session, input: Base & { roomId: string }) =>
    rosterAction(session, 'leaveRoom', input, async (scope) => {
      const removed = await scope.tx
        .delete(mediatorAffiliations)
        .where(and(eq(mediatorAffiliations.mediatorId, scope.row.id), eq(mediatorAffiliations.roomId, input.roomId)))
        .returning();
      if (!removed.length) throw InputError.forField('roomId', '该调解员不属于此场所');
      return { payload: { roomId: input.roomId, since: removed[0].since } };
    }),

  recordTraining: (session: Session, input: Base & { topic: string; hours: number; trainedOn: IsoDate }) =>
    rosterAction(session, 'recordTraining', input, async (scope) => {
      const topic = parseInput(text('培训内容', 2, 200), input.topic);
      if (!(input.hours > 0 && input.hours <= 200)) throw InputError.forField('hours', '学时应大于 0 且不超过 200');
      const trainedOn = parseInput(dateField, input.trainedOn);
      if (trainedOn > scope.on) throw InputError.forField('trainedOn', '培训日期不能晚于今天');
      await scope.tx.insert(mediatorTrainings).values({ mediatorId: scope.row.id, topic, hours: input.hours, trainedOn });
      return { payload: { topic, hours: input.hours, trainedOn } };
    }),

  /** Replaces the weekly availability. */
  setAvailability: (session: Session, input: Base & { windows: { weekday: number; opens: string; closes: string }[] }) =>
    rosterAction(session, 'setAvailability', input, async (scope) => {
      const windows = checkWindows(input.windows);
      const before = await scope.tx.delete(mediatorAvailability).where(eq(mediatorAvailability.mediatorId, scope.row.id)).returning();
      if (windows.length) {
        await scope.tx.insert(mediatorAvailability).values(windows.map((w) => ({ mediatorId: scope.row.id, weekday: w.weekday, startsAt: w.opens, endsAt: w.closes })));
      }
      return { payload: { before: before.map((w) => ({ weekday: w.weekday, opens: w.startsAt.slice(0, 5), closes: w.endsAt.slice(0, 5) })), after: windows } };
    }),

  addUnavailability: (session: Session, input: Base & { startsAt: Date; endsAt: Date; reason: string }) =>
    rosterAction(session, 'addUnavailability', input, async (scope) => {
      if (!(input.endsAt.getTime() > input.startsAt.getTime())) throw InputError.forField('endsAt', '结束时间应晚于开始时间');
      const reason = parseInput(text('原因', 2, 200), input.reason);
      await scope.tx.insert(mediatorUnavailability).values({ mediatorId: scope.row.id, startsAt: input.startsAt, endsAt: input.endsAt, reason });
      return { payload: { startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString(), reason } };
    }),

  /** 申报: a tie that forces recusal when it touches a party (the related person's number is stored, never logged). */
  declareRelationship: (
    session: Session,
    input: Base & { kind: keyof typeof relationshipKindLabels; name: string; identityNumber?: string | null; householdCode?: string | null; note?: string | null },
  ) =>
    rosterAction(session, 'declareRelationship', input, async (scope) => {
      const kind = parseInput(z.enum(valuesOf(relationshipKindLabels), '关系类别不在可选范围内'), input.kind);
      const name = parseInput(text('关系人或组织名称', 1, 100), input.name);
      const [rel] = await scope.tx
        .insert(mediatorRelationships)
        .values({ mediatorId: scope.row.id, kind, name, identityNumber: input.identityNumber?.trim().toUpperCase() || null, householdCode: input.householdCode?.trim() || null, note: input.note ?? null })
        .returning({ id: mediatorRelationships.id });
      return { payload: { relationshipId: rel.id, kind, kindLabel: relationshipKindLabels[kind] } };
    }),

  /** Binds a MEDIATOR account to this record (what the account then sees). */
  linkAccount: (session: Session, input: Base & { accountId: string }) =>
    rosterAction(session, 'linkAccount', input, async (scope) => {
      const [account] = await scope.tx.select({ id: accounts.id, roles: accounts.roles }).from(accounts).where(eq(accounts.id, input.accountId));
      if (!account || !account.roles.includes('MEDIATOR')) throw InputError.forField('accountId', '账号不存在或不是调解员账号');
      const [taken] = await scope.tx.select({ id: mediators.id }).from(mediators).where(eq(mediators.accountId, account.id));
      if (taken && taken.id !== scope.row.id) throw InputError.forField('accountId', '该账号已绑定其他调解员');
      return { changes: { accountId: account.id }, payload: { before: scope.row.accountId, after: account.id } };
    }),
};

function stripBase(input: Record<string, unknown>) {
  const { mediatorId: _m, expectedVersion: _v, occurredAt: _o, ...rest } = input;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}

function termYears(years: number | null | undefined): number {
  const value = years ?? 3;
  if (!Number.isInteger(value) || value < 1 || value > 5) throw InputError.forField('years', '聘期应为 1–5 年');
  return value;
}

export async function termsOf(db: Executor, mediatorId: string) {
  return db
    .select({ startsOn: mediatorAppointments.startsOn, endsOn: mediatorAppointments.endsOn, endedOn: mediatorAppointments.endedOn })
    .from(mediatorAppointments)
    .where(eq(mediatorAppointments.mediatorId, mediatorId));
}

function checkWindows(windows: { weekday: number; opens: string; closes: string }[]) {
  if (windows.length > 21) throw InputError.forField('windows', '每周时段最多 21 个');
  const out = windows.map((w, i) => {
    if (!Number.isInteger(w.weekday) || w.weekday < 1 || w.weekday > 7) throw InputError.forField(`windows.${i}.weekday`, '星期应为 1（周一）到 7（周日）');
    if (!isClockTime(w.opens) || !isClockTime(w.closes)) throw InputError.forField(`windows.${i}`, '时间格式应为 HH:MM');
    if (minuteOf(w.closes) <= minuteOf(w.opens)) throw InputError.forField(`windows.${i}.closes`, '结束时间应晚于开始时间');
    return { weekday: w.weekday, opens: w.opens.slice(0, 5), closes: w.closes.slice(0, 5) };
  });
  const keys = new Set(out.map((w) => `${w.weekday}-${w.opens}`));
  if (keys.size !== out.length) throw InputError.forField('windows', '同一天的时段开始时间重复');
  return out;
}

const profileKeys = ['rosterKey', 'name', 'gender', 'birthYear', 'background', 'specialties', 'languages', 'homeUnitId', 'householdCode', 'mobile', 'identityNumber', 'grade'] as const;
const privateKeys = new Set(['mobile', 'identityNumber', 'householdCode']);

/** before/after of the fields that changed; personal data is named as changed, never copied into the history. */
export function changedFields(row: MediatorRow, next: Partial<MediatorRow>) {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const key of profileKeys) {
    if (!(key in next)) continue;
    if (JSON.stringify(row[key]) === JSON.stringify(next[key])) continue;
    before[key] = privateKeys.has(key) ? '（已修改）' : row[key];
    after[key] = privateKeys.has(key) ? '（已修改）' : next[key];
  }
  return { before, after };
}
