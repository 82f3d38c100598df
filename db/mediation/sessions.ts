/**
 * Mediation sessions on the MEDIATION_SESSION stream: opening (first event), then every step through
 * the generic runner. Booking the room and the panel goes through db/bookings (the database refuses
 * overlaps); a HEARING session for a case drives that case's existing hearing pause (caseActions).
 */
import { and, eq, gt, inArray, lt } from 'drizzle-orm';
import * as z from 'zod/mini';
import type { Transaction } from '../client';
import type { Session } from '../session';
import {
  agreementSignatures,
  cases,
  conflictWaivers,
  hearings,
  mediationAgreements,
  mediationPanelMembers,
  mediationParties,
  mediationRooms,
  mediationSessions,
  mediatorAvailability,
  mediatorRelationships,
  mediators,
  mediatorUnavailability,
  performanceFollowUps,
  units,
} from '../schema';
import { ForbiddenError, InputError, NotFoundError } from '../errors';
import { parseInput, text } from '../common/validate';
import { loadWorkCalendar } from '../calendar/service';
import { toChinaDate, type IsoDate, type WorkCalendar } from '../calendar/work-calendar';
import { validateMobile, validateResidentIdNumber } from '../petitioners/identity';
import { canReadCase } from '../cases/visibility';
import { viewerOf } from '../cases/service';
import { caseActions } from '../cases/actions';
import { defineStream, recordCreation, runStreamAction, type ActionScope } from '../streams/runner';
import { book, release, type Resource } from '../bookings/service';
import { acceptanceDueOn, confirmationDueOn, openingClocks, reassignDueOn } from './clocks';
import { blockingConflicts, conflictsOf, isWaivable } from './recusal';
import { panelProblem, SESSION_OPENED, sessionLifecycle, type SessionAction } from './session-lifecycle';
import { schedulableProblem } from './roster-rules';
import { isClosedOn } from './room-rules';
import { fitsWeekly, unavailability } from './availability';
import { MediationRuleError, RecusalError } from './errors';
import { canSeeSession, isMediationStaff } from './visibility';
import { mediationViewerOf, termsOf, viewerIn, type ViewingSession } from './roster';
import {
  partyRoleLabels,
  performanceStateLabels,
  sessionKindLabels,
  specialtyLabels,
  terminationReasonLabels,
  valuesOf,
  type PanelRole,
  type SessionKind,
} from './vocabulary';

export type SessionRow = typeof mediationSessions.$inferSelect;
type Facts = { calendar: WorkCalendar };
type Scope = ActionScope<typeof mediationSessions, Facts>;

export const sessionStream = defineStream({
  type: 'MEDIATION_SESSION',
  table: mediationSessions,
  lifecycle: sessionLifecycle,
  canRead: (session, row) => canSeeSession(viewerIn(session), row),
  loadFacts: async (session) => ({ calendar: await loadWorkCalendar(session.db) }),
});

const partySchema = z.object({
  role: z.enum(valuesOf(partyRoleLabels), '当事人身份不在可选范围内'),
  name: text('当事人姓名', 1, 60),
  identityNumber: z.optional(z.nullable(z.string().check(z.trim()))),
  mobile: z.optional(z.nullable(z.string().check(z.trim()))),
  address: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(200, '地址最多 200 个字')))),
  householdCode: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(40, '户号最多 40 个字符')))),
  organisation: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(100, '单位名称最多 100 个字')))),
});

const openSchema = z.object({
  unitId: z.string(),
  kind: z.enum(valuesOf(sessionKindLabels), '调解类别不在可选范围内'),
  caseId: z.optional(z.nullable(z.string())),
  title: text('标题', 2, 100),
  summary: text('纠纷概要', 5, 5000),
  place: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(200, '地点最多 200 个字')))),
  placeCode: z.string().check(z.regex(/^\d{6}(\d{3}(\d{3})?)?$/, '纠纷发生地应为 6/9/12 位行政区划代码')),
  specialty: z.enum(valuesOf(specialtyLabels), '纠纷类别不在可选范围内'),
  isPublic: z._default(z.boolean(), false),
  parties: z.array(partySchema).check(z.minLength(1, '至少一名当事人'), z.maxLength(50, '当事人最多 50 名')),
});

export type OpenSessionInput = z.input<typeof openSchema>;

function checkParty(p: z.output<typeof partySchema>, i: number) {
  const out = { ...p };
  if (p.identityNumber) {
    const r = validateResidentIdNumber(p.identityNumber);
    if (!r.ok) throw InputError.forField(`parties.${i}.identityNumber`, r.reason);
    out.identityNumber = r.normalized;
  }
  if (p.mobile) {
    const r = validateMobile(p.mobile);
    if (!r.ok) throw InputError.forField(`parties.${i}.mobile`, r.reason);
    out.mobile = r.normalized;
  }
  return out;
}

/** 受理调解: a session for a case or a dispute, with its parties; the choice and settlement clocks start. */
export async function openSession(session: Session, input: OpenSessionInput): Promise<SessionRow> {
  const actor = session.actor;
  if (!actor) throw new ForbiddenError('请先登录', 'auth/unauthenticated');
  const value = parseInput(openSchema, input);
  const parties = value.parties.map(checkParty);
  const viewer = await mediationViewerOf(session);
  const [unit] = await session.db.select({ id: units.id, path: units.path }).from(units).where(eq(units.id, value.unitId));
  if (!unit) throw InputError.forField('unitId', '单位不存在');
  if (!isMediationStaff(viewer) || !unit.path.startsWith(viewer.unitPath!) || !actor.roles.some((r) => r === 'STAFF' || r === 'LEADER' || r === 'ADMIN')) {
    throw new ForbiddenError('只能为本单位及下级单位受理调解');
  }
  if (value.caseId) {
    const [row] = await session.db.select().from(cases).where(eq(cases.id, value.caseId));
    if (!row || !canReadCase(viewerOf(session), row)) throw new NotFoundError('case', '事项不存在或无权查看');
  }
  const now = session.now();
  const openedOn = toChinaDate(now);
  const calendar = await loadWorkCalendar(session.db);
  const clocks = openingClocks(openedOn, calendar);
  return session.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(mediationSessions)
      .values({
        unitId: unit.id,
        unitPath: unit.path,
        kind: value.kind,
        caseId: value.caseId ?? null,
        title: value.title,
        summary: value.summary,
        place: value.place ?? null,
        placeCode: value.placeCode,
        specialty: value.specialty,
        isPublic: value.isPublic,
        openedOn,
        ...clocks,
        lastEventAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(mediationParties).values(parties.map((p, position) => ({ ...p, sessionId: row.id, position })));
    await recordCreation(tx, sessionStream, {
      id: row.id,
      type: SESSION_OPENED,
      actor,
      toStatus: 'PENDING_MEDIATOR',
      occurredAt: now,
      payload: { kind: row.kind, caseId: row.caseId, parties: parties.length, ...clocks },
    });
    return row;
  });
}

export async function sessionAction(
  session: Session,
  action: SessionAction,
  input: { sessionId: string; expectedVersion: number; occurredAt?: Date | null },
  rule: (scope: Scope) => Promise<{ changes?: Partial<typeof mediationSessions.$inferInsert>; payload?: Record<string, unknown> }>,
): Promise<SessionRow> {
  const viewer = (session as ViewingSession).mediationViewer ?? (await mediationViewerOf(session));
  return runStreamAction({ ...session, mediationViewer: viewer } as ViewingSession, sessionStream, action, input.sessionId, input, async (scope) => {
    // A mediator acts only on a session they sit on; staff on their subtree's (both are what canRead allows).
    if (!isMediationStaff(viewer) && viewer.mediatorId && !scope.row.panelMediatorIds.includes(viewer.mediatorId)) throw new ForbiddenError('只能处理本人参与的调解');
    if (isMediationStaff(viewer) && !scope.row.unitPath.startsWith(viewer.unitPath!) && !viewer.mediatorId) throw new ForbiddenError('只能处理本单位及下级单位的调解');
    return rule(scope);
  });
}

export async function partiesOf(tx: Transaction, sessionId: string) {
  return tx.select().from(mediationParties).where(eq(mediationParties.sessionId, sessionId)).orderBy(mediationParties.position);
}

/** Status, term and recusal of one mediator for this session on `day`; throws the typed refusal. */
async function assertEligible(tx: Transaction, row: SessionRow, mediatorId: string, day: IsoDate) {
  const [m] = await tx.select().from(mediators).where(eq(mediators.id, mediatorId));
  if (!m || !(m.unitPath.startsWith(row.unitPath) || row.unitPath.startsWith(m.unitPath))) throw InputError.forField('mediatorId', '调解员不存在或不在本单位一线的名册中');
  const problem = schedulableProblem(m, await termsOf(tx, m.id), day);
  if (problem) throw new MediationRuleError(problem.code, problem.message);
  const parties = await partiesOf(tx, row.id);
  const relationships = await tx.select().from(mediatorRelationships).where(eq(mediatorRelationships.mediatorId, m.id));
  const waivers = await tx.select({ mediatorId: conflictWaivers.mediatorId, partyId: conflictWaivers.partyId }).from(conflictWaivers).where(eq(conflictWaivers.sessionId, row.id));
  const blocking = blockingConflicts(conflictsOf({ ...m, relationships }, parties), parties.map((p) => p.id), waivers);
  if (blocking.length) throw new RecusalError(blocking.map((c) => ({ ...c, waivable: isWaivable(c) })));
  return m;
}

/** Weekly availability and away periods of every panel member: the same rule recommendMediators reports. */
async function assertAvailable(tx: Transaction, panel: readonly { id: string; name: string }[], range: { startsAt: Date; endsAt: Date }) {
  const ids = panel.map((m) => m.id);
  const [weekly, away] = await Promise.all([
    tx.select().from(mediatorAvailability).where(inArray(mediatorAvailability.mediatorId, ids)),
    tx
      .select()
      .from(mediatorUnavailability)
      .where(and(inArray(mediatorUnavailability.mediatorId, ids), lt(mediatorUnavailability.startsAt, range.endsAt), gt(mediatorUnavailability.endsAt, range.startsAt))),
  ]);
  for (const m of panel) {
    const windows = weekly.filter((w) => w.mediatorId === m.id).map((w) => ({ weekday: w.weekday, opens: w.startsAt, closes: w.endsAt }));
    const why = unavailability(windows, away.filter((a) => a.mediatorId === m.id), range);
    if (why) throw new MediationRuleError('mediation/mediator-unavailable', `调解员${m.name}${why}，不能安排在该时段`);
  }
}

type Base = { sessionId: string; expectedVersion: number; occurredAt?: Date | null };
const reasonText = (what: string) => text(what, 2, 500);

function proposal(scope: Scope, mediatorId: string, chosen: boolean) {
  return {
    leadMediatorId: mediatorId,
    chosenByParties: chosen,
    acceptDueOn: acceptanceDueOn(scope.on, scope.facts.calendar),
    panelMediatorIds: [mediatorId],
    presidingMediatorId: null,
  };
}

export const sessionActions = {
  /** 当事人共同选定, within 2 working days of opening. */
  chooseMediator: (session: Session, input: Base & { mediatorId: string }) =>
    sessionAction(session, 'chooseMediator', input, async (scope) => {
      if (scope.on > scope.row.choiceDueOn) {
        throw new MediationRuleError('mediation/choice-window-closed', `当事人共同选定调解员的期限已于 ${scope.row.choiceDueOn} 届满，请由单位指定`);
      }
      const m = await assertEligible(scope.tx, scope.row, input.mediatorId, scope.on);
      const changes = proposal(scope, m.id, true);
      return { changes, payload: { mediatorId: m.id, mediatorName: m.name, acceptDueOn: changes.acceptDueOn } };
    }),

  /** 指定: the unit assigns; a pending proposal may be replaced only once its acceptance window has passed. */
  assignMediator: (session: Session, input: Base & { mediatorId: string }) =>
    sessionAction(session, 'assignMediator', input, async (scope) => {
      if (scope.row.status === 'PENDING_ACCEPTANCE' && scope.row.acceptDueOn && scope.on <= scope.row.acceptDueOn) {
        throw new MediationRuleError('mediation/acceptance-window-open', `调解员答复期限至 ${scope.row.acceptDueOn}，届满未答复方可另行指定`);
      }
      const m = await assertEligible(scope.tx, scope.row, input.mediatorId, scope.on);
      const changes = proposal(scope, m.id, false);
      return { changes, payload: { mediatorId: m.id, mediatorName: m.name, replaced: scope.row.leadMediatorId, acceptDueOn: changes.acceptDueOn } };
    }),

  /** The mediator accepts within 3 working days. */
  acceptAssignment: (session: Session, input: Base) =>
    sessionAction(session, 'acceptAssignment', input, async (scope) => {
      if (scope.row.acceptDueOn && scope.on > scope.row.acceptDueOn) {
        throw new MediationRuleError('mediation/acceptance-window-closed', `接受调解的期限已于 ${scope.row.acceptDueOn} 届满，请由单位另行指定`);
      }
      return { changes: { acceptedOn: scope.on }, payload: { mediatorId: scope.row.leadMediatorId } };
    }),

  /** The mediator declines with a reason; the unit must reassign within 3 working days. */
  declineAssignment: (session: Session, input: Base & { reason: string }) =>
    sessionAction(session, 'declineAssignment', input, async (scope) => {
      const reason = parseInput(reasonText('拒绝理由'), input.reason);
      const assignDueOn = reassignDueOn(scope.on, scope.facts.calendar);
      return {
        changes: { leadMediatorId: null, acceptDueOn: null, panelMediatorIds: [], assignDueOn },
        payload: { mediatorId: scope.row.leadMediatorId, reason, assignDueOn },
      };
    }),

  /** Room, time and panel: every resource is booked, or the whole step is refused. */
  schedule: (session: Session, input: Base & { roomId: string; startsAt: Date; endsAt: Date; members?: string[] | null; presidingMediatorId?: string | null }) =>
    sessionAction(session, 'schedule', input, async (scope) => {
      const { tx, row } = scope;
      if (!(input.endsAt.getTime() > input.startsAt.getTime())) throw InputError.forField('endsAt', '结束时间应晚于开始时间');
      if (input.startsAt.getTime() < scope.occurredAt.getTime()) throw InputError.forField('startsAt', '开始时间不能早于现在');
      const day = toChinaDate(input.startsAt);
      const [room] = await tx.select().from(mediationRooms).where(eq(mediationRooms.id, input.roomId));
      // Any room of the unit's line or of its parent's subtree: a county office may hear a case in a village hall.
      const reach = parentPath(row.unitPath);
      if (!room || !(room.unitPath.startsWith(reach) || reach.startsWith(room.unitPath))) throw InputError.forField('roomId', '场所不存在或不在本单位及上级单位辖区内');
      if (isClosedOn(room, day)) throw new MediationRuleError('mediation/room-closed', `${room.name}在 ${day} 暂停使用：${room.closedReason ?? ''}`);
      if (!fitsWeekly(room.openingHours, input.startsAt, input.endsAt)) throw new MediationRuleError('mediation/room-outside-hours', `${room.name}在该时段不开放`);
      const memberIds = [...new Set([row.leadMediatorId!, ...(input.members ?? [])])];
      const presiding = input.presidingMediatorId ?? null;
      const problem = panelProblem(row.kind as SessionKind, memberIds.length, presiding, memberIds);
      if (problem) throw new MediationRuleError('mediation/panel-invalid', problem);
      const parties = await partiesOf(tx, row.id);
      if (room.capacity < parties.length + memberIds.length) throw new MediationRuleError('mediation/room-too-small', `${room.name}可容纳 ${room.capacity} 人，不足以容纳当事人与调解员`);
      const panel: { id: string; name: string; role: PanelRole }[] = [];
      for (const id of memberIds) {
        const m = await assertEligible(tx, row, id, day);
        panel.push({ id, name: m.name, role: id === row.leadMediatorId ? 'LEAD' : id === presiding ? 'PRESIDING' : 'MEMBER' });
      }
      await assertAvailable(tx, panel, input);
      const resources: Resource[] = [{ kind: 'ROOM', id: room.id, label: room.name }, ...panel.map((m) => ({ kind: 'MEDIATOR' as const, id: m.id, label: `调解员${m.name}` }))];
      await book(tx, { kind: 'MEDIATION_SESSION', id: row.id }, input, resources);
      await tx.delete(mediationPanelMembers).where(eq(mediationPanelMembers.sessionId, row.id));
      await tx.insert(mediationPanelMembers).values(panel.map((m) => ({ sessionId: row.id, mediatorId: m.id, role: m.role })));
      const changes: Partial<typeof mediationSessions.$inferInsert> = { roomId: room.id, startsAt: input.startsAt, endsAt: input.endsAt, presidingMediatorId: presiding, panelMediatorIds: memberIds };
      // 听证 for a case: the case's clock pauses from today (the lifecycle's own hearing pause).
      if (row.kind === 'HEARING' && row.caseId && !row.hearingId) {
        const [c] = await tx.select({ version: cases.version }).from(cases).where(eq(cases.id, row.caseId));
        const paused = await caseActions.scheduleHearing({ ...scope.session, db: tx as never }, { caseId: row.caseId, expectedVersion: c.version, scheduledOn: day, location: room.name });
        changes.hearingId = await latestHearingId(tx, paused.id);
      }
      return { changes, payload: { roomId: room.id, roomName: room.name, startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString(), panel } };
    }),

  postpone: (session: Session, input: Base & { reason: string }) =>
    sessionAction(session, 'postpone', input, async (scope) => {
      const reason = parseInput(reasonText('延期理由'), input.reason);
      await release(scope.tx, { kind: 'MEDIATION_SESSION', id: scope.row.id }, scope.occurredAt);
      return { changes: { startsAt: null, endsAt: null, roomId: null }, payload: { reason, was: scope.row.startsAt?.toISOString() ?? null } };
    }),

  start: (session: Session, input: Base) => sessionAction(session, 'start', input, async () => ({ payload: {} })),

  /** 调解协议 with the fields 《人民调解法》第二十九条 requires; effective once every party has signed. */
  recordAgreement: (session: Session, input: Base & { dispute: string; terms: string; performanceMethod: string; performanceDueOn: IsoDate }) =>
    sessionAction(session, 'recordAgreement', input, async (scope) => {
      const dispute = parseInput(text('纠纷事实', 5, 5000), input.dispute);
      const terms = parseInput(text('协议内容', 5, 10_000), input.terms);
      const performanceMethod = parseInput(text('履行方式', 2, 500), input.performanceMethod);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(input.performanceDueOn) || input.performanceDueOn < scope.on) throw InputError.forField('performanceDueOn', '履行期限不能早于协议日期');
      const [agreement] = await scope.tx
        .insert(mediationAgreements)
        .values({ sessionId: scope.row.id, dispute, terms, performanceMethod, performanceDueOn: input.performanceDueOn, agreedOn: scope.on })
        .returning({ id: mediationAgreements.id });
      await concludeInTx(scope);
      return { changes: { concludedOn: scope.on }, payload: { agreementId: agreement.id, performanceDueOn: input.performanceDueOn } };
    }),

  recordNoAgreement: (session: Session, input: Base & { reason: keyof typeof terminationReasonLabels; note?: string | null }) =>
    sessionAction(session, 'recordNoAgreement', input, async (scope) => {
      const reason = parseInput(z.enum(valuesOf(terminationReasonLabels), '终止原因不在可选范围内'), input.reason);
      await concludeInTx(scope);
      return { changes: { concludedOn: scope.on, terminationReason: reason, outcomeNote: input.note ?? null }, payload: { reason, reasonLabel: terminationReasonLabels[reason], note: input.note ?? null } };
    }),

  cancel: (session: Session, input: Base & { reason: string }) =>
    sessionAction(session, 'cancel', input, async (scope) => {
      const reason = parseInput(reasonText('取消理由'), input.reason);
      await concludeInTx(scope, `听证取消：${reason}`);
      return { changes: { concludedOn: scope.on, outcomeNote: reason }, payload: { reason } };
    }),

  /** A party's informed consent that a mediator with a disclosed conflict goes on (all parties must consent). */
  waiveConflict: (session: Session, input: Base & { mediatorId: string; partyId: string; statement: string }) =>
    sessionAction(session, 'waiveConflict', input, async (scope) => {
      const statement = parseInput(text('当事人意见', 4, 1000), input.statement);
      const parties = await partiesOf(scope.tx, scope.row.id);
      if (!parties.some((p) => p.id === input.partyId)) throw InputError.forField('partyId', '当事人不属于本次调解');
      const [m] = await scope.tx.select().from(mediators).where(eq(mediators.id, input.mediatorId));
      if (!m) throw InputError.forField('mediatorId', '调解员不存在');
      const relationships = await scope.tx.select().from(mediatorRelationships).where(eq(mediatorRelationships.mediatorId, m.id));
      const conflicts = conflictsOf({ ...m, relationships }, parties);
      if (!conflicts.length) throw new MediationRuleError('mediation/no-conflict', `调解员${m.name}与本次当事人没有已披露的回避情形`);
      if (!conflicts.every(isWaivable)) throw new RecusalError(conflicts.map((c) => ({ ...c, waivable: isWaivable(c) })));
      await scope.tx.insert(conflictWaivers).values({ sessionId: scope.row.id, mediatorId: m.id, partyId: input.partyId, statement, recordedById: scope.actor.accountId }).onConflictDoNothing();
      return { payload: { mediatorId: m.id, partyId: input.partyId, conflicts: conflicts.map((c) => c.kind) } };
    }),

  signAgreement: (session: Session, input: Base & { partyId: string; signedOn?: IsoDate | null }) =>
    sessionAction(session, 'signAgreement', input, async (scope) => {
      const [agreement] = await scope.tx.select().from(mediationAgreements).where(eq(mediationAgreements.sessionId, scope.row.id));
      const parties = (await partiesOf(scope.tx, scope.row.id)).filter((p) => p.role !== 'AGENT');
      if (!parties.some((p) => p.id === input.partyId)) throw InputError.forField('partyId', '只有本次调解的当事人（非代理人）可以签署');
      const signedOn = input.signedOn ?? scope.on;
      if (signedOn < agreement.agreedOn || signedOn > scope.on) throw InputError.forField('signedOn', '签署日期应在协议日期与今天之间');
      await scope.tx.insert(agreementSignatures).values({ agreementId: agreement.id, partyId: input.partyId, signedOn }).onConflictDoNothing();
      const signed = await scope.tx.select({ partyId: agreementSignatures.partyId, signedOn: agreementSignatures.signedOn }).from(agreementSignatures).where(eq(agreementSignatures.agreementId, agreement.id));
      const allSigned = parties.every((p) => signed.some((s) => s.partyId === p.id));
      let effectiveOn: IsoDate | null = null;
      if (allSigned && !agreement.effectiveOn) {
        effectiveOn = signed.map((s) => s.signedOn).sort().at(-1)!;
        await scope.tx
          .update(mediationAgreements)
          .set({ effectiveOn, confirmationDueOn: confirmationDueOn(effectiveOn, scope.facts.calendar) })
          .where(eq(mediationAgreements.id, agreement.id));
      }
      return { payload: { partyId: input.partyId, signedOn, effectiveOn } };
    }),

  /** 履行回访: how the agreement is being performed, and the parties' satisfaction. */
  recordPerformance: (
    session: Session,
    input: Base & { method: 'PHONE' | 'VISIT' | 'SMS' | 'ONLINE' | 'LETTER'; state: keyof typeof performanceStateLabels; notes: string; satisfaction?: 'SATISFIED' | 'BASICALLY_SATISFIED' | 'DISSATISFIED' | null },
  ) =>
    sessionAction(session, 'recordPerformance', input, async (scope) => {
      const notes = parseInput(text('回访记录', 2, 2000), input.notes);
      const [agreement] = await scope.tx.select({ id: mediationAgreements.id }).from(mediationAgreements).where(eq(mediationAgreements.sessionId, scope.row.id));
      await scope.tx
        .insert(performanceFollowUps)
        .values({ agreementId: agreement.id, method: input.method, occurredOn: scope.on, state: input.state, notes, satisfaction: input.satisfaction ?? null, recordedById: scope.actor.accountId });
      return { changes: input.satisfaction ? { satisfaction: input.satisfaction } : {}, payload: { state: input.state, method: input.method, satisfaction: input.satisfaction ?? null } };
    }),
};

/** Ends a session: its bookings are released and, for a case hearing, the case's pause ends that day. */
async function concludeInTx(scope: Scope, hearingSummary?: string) {
  await release(scope.tx, { kind: 'MEDIATION_SESSION', id: scope.row.id }, scope.occurredAt);
  const { row } = scope;
  if (row.kind === 'HEARING' && row.caseId && row.hearingId) {
    const [c] = await scope.tx.select({ version: cases.version, pausedFrom: cases.hearingPauseStartedOn }).from(cases).where(eq(cases.id, row.caseId));
    if (c.pausedFrom) {
      await caseActions.recordHearing({ ...scope.session, db: scope.tx as never }, {
        caseId: row.caseId,
        expectedVersion: c.version,
        hearingId: row.hearingId,
        heldOn: scope.on,
        summary: hearingSummary ?? `听证已举行（${row.title}）`,
      });
    }
  }
}

/** "/a/b/c/" → "/a/b/" (the root keeps itself). */
function parentPath(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts.length > 1 ? `/${parts.slice(0, -1).join('/')}/` : path;
}

async function latestHearingId(tx: Transaction, caseId: string): Promise<string> {
  const rows = await tx.select({ id: hearings.id, status: hearings.status }).from(hearings).where(and(eq(hearings.caseId, caseId), inArray(hearings.status, ['SCHEDULED'])));
  return rows[0].id;
}

