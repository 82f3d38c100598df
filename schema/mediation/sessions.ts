import { findManyPlanned } from '../../db/relational-plans';
import { sql } from 'drizzle-orm';
import { builder } from '../builder';
import { historyConnectionType, historyField } from '../events/history-connection';
import type { Context } from '../context';
import { Unit } from '../units/types';
import { Case } from '../cases/case';
import { unitPathOf } from '../../db/units/service';
import { maskAddress, maskIdentityNumber, maskMobile } from '../../db/petitioners/identity';
import { mediationSessions } from '../../db/schema';
import { openSession, sessionActions } from '../../db/mediation/sessions';
import { sessionLifecycle } from '../../db/mediation/session-lifecycle';
import { allowedActions } from '../../db/streams/lifecycle';
import { canSeeSession } from '../../db/mediation/visibility';
import { allOf, listFilterSql, visibleSessionsSql } from '../../db/mediation/queries';
import { CaseRuleError } from '../../db/cases/errors';
import { maxLength } from '../input-limits';
import {
  mediationMutation,
  PanelRoleEnum,
  PartyRoleEnum,
  PerformanceStateEnum,
  SessionKindEnum,
  SessionStatusEnum,
  SpecialtyEnum,
  TerminationReasonEnum,
  viewerFor,
  type InputFields,
  type MediationSession as MediationCall,
  mediationErrors,
} from './common';
import { Mediator } from './mediators';
import { MediationRoom } from './rooms';

// Parties' identity numbers, mobiles and addresses are masked for every caller, mediators included.
const Party = builder.drizzleObject('mediationParties', {
  name: 'MediationParty',
  description: '当事人；证件号、手机号、地址脱敏显示。A party; personal data masked.',
  fields: (t) => ({
    partyId: t.exposeID('id', { description: '当事人 ID（签署、回避放弃时使用）。Party id.' }),
    role: t.expose('role', { type: PartyRoleEnum, description: '身份。Role.' }),
    name: t.exposeString('name', { description: '姓名或名称。Name.' }),
    organisation: t.exposeString('organisation', { nullable: true, description: '所在单位。Organisation.' }),
    identityNumber: t.string({ nullable: true, description: '证件号（一律脱敏）。ID number, masked.', resolve: (p) => (p.identityNumber ? maskIdentityNumber(p.identityNumber) : null) }),
    mobile: t.string({ nullable: true, description: '手机号（脱敏）。Mobile, masked.', resolve: (p) => (p.mobile ? maskMobile(p.mobile) : null) }),
    address: t.string({ nullable: true, description: '地址（脱敏）。Address, masked.', resolve: (p) => (p.address ? maskAddress(p.address) : null) }),
  }),
});

const PanelMember = builder.drizzleObject('mediationPanelMembers', {
  name: 'MediationPanelMember',
  description: '调解组成人员。A member of the panel.',
  fields: (t) => ({
    role: t.expose('role', { type: PanelRoleEnum, description: '角色。Role.' }),
    mediator: t.relation('mediator', { type: Mediator, description: '调解员。Mediator.' }),
  }),
});

const Agreement = builder.drizzleObject('mediationAgreements', {
  name: 'MediationAgreement',
  description: '调解协议（《人民调解法》第二十九条）：当事人、纠纷事实、协议内容、履行方式与期限；全体当事人签署后生效。A mediation agreement.',
  fields: (t) => ({
    dispute: t.exposeString('dispute', { description: '纠纷的主要事实与争议事项。The dispute.' }),
    terms: t.exposeString('terms', { description: '协议内容。Terms.' }),
    performanceMethod: t.exposeString('performanceMethod', { description: '履行方式。How it is performed.' }),
    performanceDueOn: t.expose('performanceDueOn', { type: 'Date', description: '履行期限。Performed by.' }),
    agreedOn: t.expose('agreedOn', { type: 'Date', description: '达成日期。Agreed on.' }),
    effectiveOn: t.expose('effectiveOn', { type: 'Date', nullable: true, description: '生效日期（全体当事人签署之日）。Effective on.' }),
    judicialConfirmationDueOn: t.expose('confirmationDueOn', {
      type: 'Date',
      nullable: true,
      description: '双方共同申请司法确认的最后一日（生效起 30 日）。Last day to ask a court jointly to confirm it (30 days).',
    }),
    signedPartyIds: t.stringList({
      description: '已签署的当事人 ID。Parties who have signed.',
      select: { with: { signatures: { columns: { partyId: true } } } },
      resolve: (a) => a.signatures.map((s) => s.partyId),
    }),
    followUps: t.field({
      type: [PerformanceFollowUp],
      description: '履行回访。Performance follow-ups.',
      select: { with: { followUps: { orderBy: { occurredOn: 'asc' } } } },
      resolve: (a) => a.followUps,
    }),
  }),
});

const PerformanceFollowUp = builder.objectRef<{ method: string; occurredOn: string; state: 'FULFILLED' | 'PARTLY_FULFILLED' | 'NOT_FULFILLED'; notes: string; satisfaction: string | null }>(
  'AgreementFollowUp',
).implement({
  description: '一次履行回访。One performance follow-up.',
  fields: (t) => ({
    method: t.exposeString('method', { description: '方式（PHONE、VISIT…）。Method.' }),
    occurredOn: t.expose('occurredOn', { type: 'Date', description: '日期。Date.' }),
    state: t.expose('state', { type: PerformanceStateEnum, description: '履行情况。Performance.' }),
    notes: t.exposeString('notes', { description: '记录。Notes.' }),
    satisfaction: t.exposeString('satisfaction', { nullable: true, description: '满意度。Satisfaction.' }),
  }),
});

const SessionEvent = builder.drizzleObject('events', {
  variant: 'MediationSessionEvent',
  description: '调解历史中的一条记录。One step of a session’s history.',
  select: { columns: { id: true } },
  fields: (t) => ({
    sequence: t.exposeInt('sequence', { description: '序号，从 1 起连续。Gap-free sequence.' }),
    type: t.exposeString('type', { description: '事件类型，例如 mediation.scheduled。Event type.' }),
    fromStatus: t.exposeString('fromStatus', { nullable: true, description: '变更前状态。Status before.' }),
    toStatus: t.exposeString('toStatus', { nullable: true, description: '变更后状态。Status after.' }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: '时间。When.' }),
    payload: t.expose('payload', { type: 'JSON', description: '内容。Details.' }),
  }),
});

export const MediationSessionRef = builder.drizzleNode('mediationSessions', {
  name: 'MediationSession',
  description: '调解、评理或听证：针对信访事项，或针对网格员发现的矛盾纠纷。A mediation, review talk or hearing.',
  id: { column: (s) => s.id },
  select: { columns: { id: true, unitPath: true, panelMediatorIds: true } },
  authScopes: async (row, ctx) => canSeeSession(await viewerFor(ctx), row),
  fields: (t) => ({
    kind: t.expose('kind', { type: SessionKindEnum, description: '类别。Kind.' }),
    status: t.expose('status', { type: SessionStatusEnum, description: '状态。Status.' }),
    title: t.exposeString('title', { description: '标题。Title.' }),
    summary: t.exposeString('summary', { description: '纠纷概要。Summary of the dispute.' }),
    place: t.exposeString('place', { nullable: true, description: '纠纷发生地点。Place.' }),
    placeCode: t.exposeString('placeCode', { description: '发生地行政区划代码。Division code of the place.' }),
    specialty: t.expose('specialty', { type: SpecialtyEnum, description: '纠纷类别。Kind of dispute.' }),
    isPublic: t.exposeBoolean('isPublic', { description: '是否公开进行。Held in public.' }),
    openedOn: t.expose('openedOn', { type: 'Date', description: '受理调解日期。Opened on.' }),
    choiceDueOn: t.expose('choiceDueOn', { type: 'Date', description: '当事人共同选定调解员期限（2 个工作日）。Joint choice due.' }),
    assignDueOn: t.expose('assignDueOn', { type: 'Date', description: '单位指定调解员期限（其后 3 个工作日）。Assignment due.' }),
    acceptDueOn: t.expose('acceptDueOn', { type: 'Date', nullable: true, description: '调解员接受期限（3 个工作日）。Acceptance due.' }),
    settleDueOn: t.expose('settleDueOn', { type: 'Date', description: '一般应在一个月内调结。Normally settled by.' }),
    chosenByParties: t.exposeBoolean('chosenByParties', { nullable: true, description: '调解员由当事人共同选定（否则为单位指定）。Chosen jointly.' }),
    acceptedOn: t.expose('acceptedOn', { type: 'Date', nullable: true, description: '调解员接受日期。Accepted on.' }),
    startsAt: t.expose('startsAt', { type: 'DateTime', nullable: true, description: '开始时间。Starts.' }),
    endsAt: t.expose('endsAt', { type: 'DateTime', nullable: true, description: '结束时间。Ends.' }),
    concludedOn: t.expose('concludedOn', { type: 'Date', nullable: true, description: '终结日期。Concluded on.' }),
    terminationReason: t.expose('terminationReason', { type: TerminationReasonEnum, nullable: true, description: '未达成协议的原因。Why it ended without agreement.' }),
    outcomeNote: t.exposeString('outcomeNote', { nullable: true, description: '说明。Note.' }),
    satisfaction: t.exposeString('satisfaction', { nullable: true, description: '当事人满意度。Satisfaction.' }),
    version: t.exposeInt('version', { description: '版本号，操作时作为 expectedVersion 传入。Version.' }),
    unit: t.relation('unit', { type: Unit, description: '主持单位。Unit in charge.' }),
    room: t.relation('room', { type: MediationRoom, nullable: true, description: '场所。Room.' }),
    leadMediator: t.relation('leadMediator', { type: Mediator, nullable: true, description: '主调解员。Lead mediator.' }),
    presidingMediator: t.relation('presidingMediator', { type: Mediator, nullable: true, description: '主持人。Presiding mediator.' }),
    panel: t.relation('panel', { type: PanelMember, description: '组成人员。The panel.' }),
    parties: t.relation('parties', {
      type: Party,
      description: '当事人，按登记顺序；个人信息脱敏。Parties, personal data masked.',
      query: { orderBy: { position: 'asc' } },
    }),
    agreement: t.relation('agreement', { type: Agreement, nullable: true, description: '调解协议。The agreement.' }),
    petitionCase: t.relation('petitionCase', { type: Case, nullable: true, description: '所针对的信访事项。The case it is for.' }),
    resultingCase: t.relation('resultingCase', { type: Case, nullable: true, description: '调解不成转为的信访事项。The case it became.' }),
    allowedActions: t.stringList({
      description: '按状态与你的角色此刻可执行的操作。Actions your roles allow now.',
      select: { columns: { status: true } },
      resolve: async (row, _args, ctx) => allowedActions(sessionLifecycle, row.status, (await viewerFor(ctx)).roles),
    }),
    events: t.field(historyField('mediationSessions', { order: 'desc', node: SessionEvent, connection: historyConnectionType('MediationSessionEventsConnection', SessionEvent), description: '历史，最新在前。History, newest first.' })),
  }),
});

// A case lists its mediation sessions: the link both ways.
builder.drizzleObjectField(Case, 'mediationSessions', (t) =>
  t.relation('mediationSessions', { type: MediationSessionRef, description: '针对本事项的调解、评理与听证。Mediation sessions for this case.', query: { orderBy: { openedOn: 'asc' } } }),
);

const SessionFilter = builder.inputType('MediationSessionFilter', {
  description: '调解筛选（均可选）。Session filters.',
  fields: (t) => ({
    unitId: t.globalID({ description: '主持单位及其下级。Unit subtree.' }),
    status: t.field({ type: [SessionStatusEnum], description: '状态之一。Any of these statuses.' }),
    kind: t.field({ type: [SessionKindEnum], description: '类别之一。Any of these kinds.' }),
    mediatorId: t.globalID({ description: '该调解员参与的。With this mediator on the panel.' }),
    from: t.field({ type: 'DateTime', description: '开始时间不早于（日历视图）。Starting at or after.' }),
    to: t.field({ type: 'DateTime', description: '开始时间早于。Starting before.' }),
  }),
});

async function sessionListSql(ctx: Context, f: typeof SessionFilter.$inferInput | null | undefined) {
  const viewer = await viewerFor(ctx);
  const unitPath = f?.unitId ? await unitPathOf(ctx.db, f.unitId.id) : null;
  return (t: typeof mediationSessions) =>
    allOf([
      visibleSessionsSql(t, viewer),
      ...listFilterSql(t, { unitPath, statuses: f?.status, kinds: f?.kind }),
      f?.mediatorId ? sql`${t.panelMediatorIds} @> array[${f.mediatorId.id}]::uuid[]` : undefined,
      f?.from ? sql`${t.startsAt} >= ${f.from}` : undefined,
      f?.to ? sql`${t.startsAt} < ${f.to}` : undefined,
    ]);
}

builder.queryField('mediationSessions', (t) =>
  t.drizzleConnection({
    type: MediationSessionRef,
    description: '调解：工作人员看本单位及下级的，调解员只看本人参与的（即其日程）。Sessions of your subtree; a mediator sees their own.',
    authScopes: { authenticated: true },
    maxSize: 100,
    args: { filter: t.arg({ type: SessionFilter, description: '筛选。Filters.' }) },
    totalCount: async (_root, args, ctx) => ctx.db.$count(mediationSessions, (await sessionListSql(ctx, args.filter))(mediationSessions)),
    resolve: async (query, _root, args, ctx) => {
      const where = await sessionListSql(ctx, args.filter);
      return findManyPlanned(ctx.db, 'mediationSessions', query({ where: { RAW: (table) => where(table) }, orderBy: { openedOn: 'desc', id: 'desc' } })) as unknown as Promise<
        (typeof mediationSessions.$inferSelect)[]
      >;
    },
  }),
);

const SessionPayload = builder.objectRef<{ sessionId: string }>('MediationSessionPayload').implement({
  description: '操作后的调解。The session after the step.',
  fields: (t) => ({
    session: t.drizzleField({
      type: MediationSessionRef,
      description: '调解。The session.',
      resolve: async (query, payload, _args, ctx) => (await ctx.db.query.mediationSessions.findFirst(query({ where: { id: payload.sessionId } })))!,
    }),
  }),
});

function sessionMutation(name: string, description: string, fields: InputFields, run: (session: MediationCall, input: any) => Promise<{ id: string }>) {
  mediationMutation(name, description, fields, SessionPayload, async (session, input) => ({ sessionId: (await run(session, input)).id }), [...mediationErrors, CaseRuleError]);
}

type F = PothosSchemaTypes.InputFieldBuilder<any, 'InputObject'>;
const versioned = (t: F) => ({
  sessionId: t.globalID({ required: true, description: '调解。Session.' }),
  expectedVersion: t.int({ required: true, description: '读取时的 version。Version you read.' }),
});

export const PartyInput = builder.inputType('MediationPartyInput', {
  description: '一名当事人。One party.',
  fields: (t) => ({
    role: t.field({ type: PartyRoleEnum, required: true, description: '身份。Role.' }),
    name: t.string({ required: true, description: '姓名或名称。Name.' }),
    identityNumber: t.string({ description: '身份证号。ID number.' }),
    mobile: t.string({ description: '手机号。Mobile.' }),
    address: t.string({ description: '地址。Address.' }),
    householdCode: t.string({ description: '户号（同户调解员须回避）。Household number.' }),
    organisation: t.string({ description: '所在单位或组织。Organisation.' }),
  }),
});

sessionMutation(
  'openMediationSession',
  '受理调解：针对信访事项或矛盾纠纷，登记当事人；选定与调解期限开始计算 Open a session for a case or a dispute; the clocks start.',
  (t) => ({
    unitId: t.globalID({ required: true, description: '主持单位。Unit in charge.' }),
    kind: t.field({ type: SessionKindEnum, required: true, description: '类别。Kind.' }),
    caseId: t.globalID({ description: '所针对的信访事项（可空：网格员发现的纠纷）。The case, if any.' }),
    title: t.string({ required: true, description: '标题。Title.' }),
    summary: t.string({ required: true, description: '纠纷概要。Summary.', ...maxLength(5000) }),
    place: t.string({ description: '地点。Place.' }),
    placeCode: t.string({ required: true, description: '发生地行政区划代码。Division code.' }),
    specialty: t.field({ type: SpecialtyEnum, required: true, description: '纠纷类别。Kind of dispute.' }),
    isPublic: t.boolean({ description: '公开进行。Public.' }),
    parties: t.field({ type: [PartyInput], required: true, description: '当事人。Parties.' }),
  }),
  (s, i) => openSession(s, i),
);
sessionMutation('chooseMediator', '记录当事人共同选定的调解员（2 个工作日内） Record the parties’ joint choice (within 2 working days).', (t) => ({ ...versioned(t), mediatorId: t.globalID({ required: true, description: '调解员。Mediator.' }) }), (s, i) => sessionActions.chooseMediator(s, i));
sessionMutation('assignMediator', '单位指定调解员；调解员逾期未答复时另行指定 The unit assigns a mediator, or reassigns after the acceptance window.', (t) => ({ ...versioned(t), mediatorId: t.globalID({ required: true, description: '调解员。Mediator.' }) }), (s, i) => sessionActions.assignMediator(s, i));
sessionMutation('acceptMediation', '调解员接受调解（3 个工作日内） The mediator accepts (within 3 working days).', (t) => versioned(t), (s, i) => sessionActions.acceptAssignment(s, i));
sessionMutation('declineMediation', '调解员拒绝调解（写明理由） The mediator declines, with the reason.', (t) => ({ ...versioned(t), reason: t.string({ required: true, description: '理由。Reason.' }) }), (s, i) => sessionActions.declineAssignment(s, i));
sessionMutation(
  'scheduleMediation',
  '安排场所、时间与组成人员（场所与调解员不得重复预约） Book the room, the time and the panel; no double booking.',
  (t) => ({
    ...versioned(t),
    roomId: t.globalID({ required: true, description: '场所。Room.' }),
    startsAt: t.field({ type: 'DateTime', required: true, description: '开始。Starts.' }),
    endsAt: t.field({ type: 'DateTime', required: true, description: '结束。Ends.' }),
    members: t.idList({ description: '除主调解员外的组成人员（调解员全局 ID）。Other panel members.' }),
    presidingMediatorId: t.globalID({ description: '主持人（评理、听证必填）。Presiding mediator.' }),
  }),
  (s, i) => sessionActions.schedule(s, { ...i, members: (i.members ?? []).map(decodeId) }),
);
sessionMutation('postponeMediation', '延期（释放场所与调解员） Postpone; the bookings are released.', (t) => ({ ...versioned(t), reason: t.string({ required: true, description: '理由。Reason.' }) }), (s, i) => sessionActions.postpone(s, i));
sessionMutation('startMediation', '开始调解 Start the session.', (t) => versioned(t), (s, i) => sessionActions.start(s, i));
sessionMutation(
  'recordMediationAgreement',
  '达成调解协议 Record the agreement reached.',
  (t) => ({
    ...versioned(t),
    dispute: t.string({ required: true, description: '纠纷事实与争议事项。The dispute.', ...maxLength(5000) }),
    terms: t.string({ required: true, description: '协议内容。Terms.', ...maxLength(10_000) }),
    performanceMethod: t.string({ required: true, description: '履行方式。How it is performed.' }),
    performanceDueOn: t.field({ type: 'Date', required: true, description: '履行期限。Performed by.' }),
  }),
  (s, i) => sessionActions.recordAgreement(s, i),
);
sessionMutation(
  'terminateMediation',
  '调解终止，未达成协议（列举的原因） End without agreement, for an enumerated reason.',
  (t) => ({ ...versioned(t), reason: t.field({ type: TerminationReasonEnum, required: true, description: '原因。Reason.' }), note: t.string({ description: '说明。Note.' }) }),
  (s, i) => sessionActions.recordNoAgreement(s, i),
);
sessionMutation('cancelMediation', '取消调解 Cancel the session.', (t) => ({ ...versioned(t), reason: t.string({ required: true, description: '理由。Reason.' }) }), (s, i) => sessionActions.cancel(s, i));
sessionMutation(
  'waiveMediatorConflict',
  '当事人知情后同意有回避情形的调解员继续调解（须全体当事人同意） A party’s informed waiver of a disclosed conflict (all parties must waive).',
  (t) => ({
    ...versioned(t),
    mediatorId: t.globalID({ required: true, description: '调解员。Mediator.' }),
    partyId: t.id({ required: true, description: '当事人 ID（MediationParty.partyId）。Party id.' }),
    statement: t.string({ required: true, description: '当事人意见。The party’s statement.' }),
  }),
  (s, i) => sessionActions.waiveConflict(s, { ...i, partyId: String(i.partyId) }),
);
sessionMutation(
  'signMediationAgreement',
  '当事人签署调解协议；全体签署后生效 A party signs; effective when all have signed.',
  (t) => ({ ...versioned(t), partyId: t.id({ required: true, description: '当事人 ID。Party id.' }), signedOn: t.field({ type: 'Date', description: '签署日期，默认今天。Signed on.' }) }),
  (s, i) => sessionActions.signAgreement(s, { ...i, partyId: String(i.partyId) }),
);
sessionMutation(
  'recordAgreementFollowUp',
  '履行回访 Record a performance follow-up.',
  (t) => ({
    ...versioned(t),
    method: t.string({ required: true, description: '方式：PHONE、VISIT、SMS、ONLINE、LETTER。Method.' }),
    state: t.field({ type: PerformanceStateEnum, required: true, description: '履行情况。Performance.' }),
    notes: t.string({ required: true, description: '记录。Notes.' }),
    satisfaction: t.string({ description: '满意度：SATISFIED、BASICALLY_SATISFIED、DISSATISFIED。Satisfaction.' }),
  }),
  (s, i) => sessionActions.recordPerformance(s, i),
);

function decodeId(globalId: string): string {
  const decoded = Buffer.from(globalId, 'base64').toString('utf8');
  return decoded.includes(':') ? decoded.slice(decoded.indexOf(':') + 1) : globalId;
}
