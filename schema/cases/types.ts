import { and, asc, eq, ne } from 'drizzle-orm';
import { events, cases, units } from '../../db/schema';
import {
  caseEventType,
  caseKind,
  caseStatus,
  channel,
  declineReason,
  followUpMethod,
  hearingStatus,
  outcome,
  participantRole,
  satisfaction,
  supervisionStatus,
  type CaseEventType,
  type CaseKind as CaseKindValue,
} from '../../db/cases/vocabulary';
import { enumOf } from '../common/enums';
import { caseMutationNames, type CaseMutationName } from './action-names';
import { builder } from '../builder';
import { maxLength } from '../input-limits';
import { caseInputLimits } from '../../db/cases/text-limits';
import { MAX_PAGE_SIZE } from '../page-limits';
import { ForbiddenError, InputError, NotFoundError } from '../../db/errors';
import { Petitioner, VIA_VISIBLE_CASE } from '../petitioners/types';
import { payloadWithGlobalIds } from '../common/global-ids';
import { Unit } from '../units/types';
import { allowedActions, caseActionLabels, caseActions, caseStatusLabels, type CaseAction, type CaseStatus } from '../../db/cases/lifecycle';
import { publicStepLabel } from '../../db/cases/public-timeline';
import { clockKindLabels, clockStateLabels, type CaseClock, type ClockKind, type ClockState } from '../../db/cases/clocks';
import { clocksOfCase, type CaseRow } from '../../db/cases/clock-state';
import { loadWorkCalendar } from '../../db/calendar/service';
import { toChinaDate } from '../../db/calendar/work-calendar';
import type { Context } from '../context';
import { caseFilterSql, countCases, viewerOf } from '../../db/cases/service';
import { canReadCase, mayKnowAccuser } from '../../db/cases/visibility';
import { unitPathOf } from '../../db/units/service';
import { timingSafeEqual } from 'node:crypto';
import { encodeCursor } from '../../db/events/cursor';
import { maskPersonalData, maskPersonalDataDeep, maskText } from '../../db/petitioners/free-text';

// Free text is shown with identity numbers and mobiles masked, to everyone (as the structured fields are);
// the whole text only through revealCaseText (the handling unit, with a reason, recorded in the history).
const MASKED = '（身份证号、手机号脱敏显示）';
const MASKED_EN = ' Identity and mobile numbers in it are masked.';

export const CaseKind = enumOf(caseKind);
export const Channel = enumOf(channel);
export const CaseStatusEnum = enumOf(caseStatus);
export const ParticipantRole = enumOf(participantRole);
export const OutcomeRef = enumOf(outcome);
export const SatisfactionRef = enumOf(satisfaction);
const SupervisionStatus = enumOf(supervisionStatus);
const HearingStatus = enumOf(hearingStatus);
const FollowUpMethod = enumOf(followUpMethod);
const DeclineReason = enumOf(declineReason);
/** GraphQL cannot spell `case.registered`: the values are the part after `case.`, upper-cased (REGISTERED). */
export const CaseEventTypeEnum = enumOf(caseEventType, (type) => type.slice('case.'.length).toUpperCase());

/** The actions, named as their mutations are, so a client can call what `allowedActions` lists. */
export const CaseActionEnum = builder.enumType('CaseAction', {
  description: '事项操作，取值即对应 mutation 的名称。A case action, named as its mutation.',
  values: Object.fromEntries(
    caseActions.map((action) => [caseMutationNames[action], { value: action, description: `${caseActionLabels[action]}（${caseMutationNames[action]}）。The ${caseMutationNames[action]} mutation.` }]),
  ) as Record<CaseMutationName, { value: CaseAction; description: string }>,
});

/**
 * Built once: a field that answers a refusal with a value (unauthorizedResolver) never shows the error, so
 * constructing one (an AppError with its stack) per redacted field of every row was pure cost.
 */
const REDACTED = new ForbiddenError();
const redacted = () => REDACTED;

const CaseParticipant = builder.drizzleObject('casePetitioners', {
  name: 'CaseParticipant',
  description: '事项上的一位信访人或代理人。A person on a case.',
  // Reached only through Case.participants, which applied the case's visibility and the accuser rule.
  grantScopes: () => [VIA_VISIBLE_CASE],
  fields: (t) => ({
    role: t.expose('role', { type: ParticipantRole, description: '身份。Role.' }),
    petitioner: t.relation('petitioner', { type: Petitioner, description: '信访人。The person.' }),
  }),
});

export const CaseEvent = builder.drizzleObject('events', {
  name: 'CaseEvent',
  description: '事项历史中的一条记录（只增不改）。One entry of a case’s append-only history.',
  // Only the requested columns: payload (jsonb) and tx_id stay in the database unless asked for.
  select: { columns: { id: true, orderXid: true, sequence: true, type: true, fromStatus: true, toStatus: true, occurredAt: true, recordedAt: true } },
  fields: (t) => ({
    sequence: t.int({ description: '事项内序号，从 1 起连续。Gap-free sequence within the case.', resolve: (e) => e.sequence }),
    cursor: t.string({
      description: '全局事件游标：交给订阅 events/caseUpdated 的 after 或 webhook 重放即从此处之后续传。Global event cursor: pass it as `after` to resume a subscription or a webhook replay.',
      resolve: (event) => encodeCursor({ orderXid: event.orderXid, id: event.id }),
    }),
    type: t.field({ type: CaseEventTypeEnum, description: '事件类型。Event type.', resolve: (e) => e.type as CaseEventType }),
    fromStatus: t.field({ type: CaseStatusEnum, nullable: true, description: '变更前状态。Status before.', resolve: (e) => e.fromStatus as CaseStatus | null }),
    toStatus: t.field({ type: CaseStatusEnum, nullable: true, description: '变更后状态。Status after.', resolve: (e) => e.toStatus as CaseStatus | null }),
    occurredAt: t.field({ type: 'DateTime', description: '发生时间（线下办理可补录）。When it happened.', resolve: (e) => e.occurredAt }),
    recordedAt: t.field({ type: 'DateTime', description: '记录时间。When it was recorded.', resolve: (e) => e.recordedAt }),
    actor: t.relation('actor', {
      nullable: true,
      description: '操作账号；系统操作为 null；信访人看不到工作人员账号。Who did it; null for the system and hidden from petitioners.',
      authScopes: { unitMember: true },
      unauthorizedError: redacted,
      unauthorizedResolver: () => null,
    }),
    payload: t.field({
      type: 'JSON',
      description:
        '事件内容（JSON 对象）；单位、事项、账号、信访人以全局 ID 给出（如 toUnitId），与 node(id) 及各输入一致；文字中的身份证号、手机号脱敏显示。' +
        ' Event details, a JSON object; units, cases, accounts and petitioners appear as global ids (e.g. toUnitId), as node(id) and every input take them.' + MASKED_EN,
      select: { columns: { payload: true } },
      resolve: (event) => maskPersonalDataDeep(payloadWithGlobalIds(event.payload)),
    }),
  }),
});

const visibilityColumns = {
  id: true,
  kind: true,
  status: true,
  unitId: true,
  unitPath: true,
  receivingUnitPath: true,
  accusedUnitPath: true,
  petitionerIds: true,
} as const;

/** Everything `clocksOfCase` reads. */
const clockColumns = {
  status: true,
  receivedOn: true,
  routedOn: true,
  acceptedOn: true,
  declinedOn: true,
  extensionDays: true,
  hearingPausedDays: true,
  reviewHearingPausedDays: true,
  reReviewHearingPausedDays: true,
  hearingPauseStartedOn: true,
  decidedOn: true,
  decisionDeliveredOn: true,
  reviewRequestedOn: true,
  reviewDecidedOn: true,
  reviewDeliveredOn: true,
  reReviewRequestedOn: true,
  reReviewDecidedOn: true,
  endedOn: true,
  closedOn: true,
  slaPolicy: true,
} as const;

const ClockKindEnum = builder.enumType('ClockKind', {
  description: '法定时限。Statutory clock.',
  values: Object.fromEntries(Object.entries(clockKindLabels).map(([kind, label]) => [kind, { description: label }])) as Record<ClockKind, { description: string }>,
});
export const ClockStateEnum = builder.enumType('ClockState', {
  description: '时限状态。State of a clock.',
  values: Object.fromEntries(Object.entries(clockStateLabels).map(([state, label]) => [state, { description: label }])) as Record<ClockState, { description: string }>,
});

const Deadline = builder.objectRef<CaseClock>('Deadline').implement({
  description:
    '一个时限：自起算事件次日起按自然日计算，末日为法定节假日或周末的顺延至下一个工作日（调休上班日视为工作日）。A clock, counted in calendar days from the day after its start.',
  fields: (t) => ({
    kind: t.expose('kind', { type: ClockKindEnum, description: '时限种类。Which clock.' }),
    owner: t.exposeString('owner', { description: 'UNIT（单位义务）或 PETITIONER（信访人权利期限）。Whose clock.' }),
    startedOn: t.expose('startedOn', { type: 'Date', description: '起算事件日期。Start event date.' }),
    days: t.exposeInt('days', { description: '适用天数（取法定与本地政策中较严者，含延期）。Days applied.' }),
    dueOn: t.expose('dueOn', { type: 'Date', description: '到期日。Due date.' }),
    pausedDays: t.exposeInt('pausedDays', { description: '听证暂停的天数。Days paused for hearings.' }),
    completedOn: t.expose('completedOn', { type: 'Date', nullable: true, description: '完成日期。Completed on.' }),
    met: t.exposeBoolean('met', { nullable: true, description: '是否按期完成。Met in time.' }),
    state: t.expose('state', { type: ClockStateEnum, description: '状态（进行中、预警、超期、按期、逾期、失效）。State.' }),
    provisional: t.exposeBoolean('provisional', {
      description:
        '暂定：到期日所在年份的国务院节假日安排尚未录入，仅按法定节日推算，公布后可能变动。' +
        ' Provisional: the due date falls in a year whose official holiday schedule is not entered yet (statutory days by rule only).',
    }),
  }),
});

/** Granted by Case (a type grant) to what lies beneath a case the viewer may read. */
const VIA_READABLE_CASE = 'case-part:via-readable-case';

/**
 * A Node (refetch by global id, answerSupervision takes it): reached through its case it is guarded by the case;
 * by node(id) the caller must be able to read the case.
 */
export const SupervisionRef = builder.drizzleNode('supervisions', {
  name: 'Supervision',
  description: '督办单；按全局 ID 读取时须可查看其事项。A supervision order from a higher unit; by global id, whoever may read its case.',
  id: { column: (s) => s.id },
  authScopes: (row) => ({ $any: { $granted: VIA_READABLE_CASE, caseVisible: row.caseId } }),
  runScopesOnType: true,
  fields: (t) => ({
    instructions: t.string({ description: `督办要求${MASKED}。Instructions.${MASKED_EN}`, select: { columns: { instructions: true } }, resolve: (row) => maskPersonalData(row.instructions) }),
    dueOn: t.expose('dueOn', { type: 'Date', description: '回复期限。Due.' }),
    status: t.expose('status', { type: SupervisionStatus, description: '状态。Status.' }),
    answer: t.string({ nullable: true, description: `回复${MASKED}。Answer.${MASKED_EN}`, select: { columns: { answer: true } }, resolve: (row) => maskText(row.answer) }),
    answeredOn: t.expose('answeredOn', { type: 'Date', nullable: true, description: '回复日期。Answered on.' }),
    fromUnit: t.relation('fromUnit', { description: '督办单位。Issuing unit.' }),
  }),
});

const FollowUpRef = builder.drizzleObject('followUps', {
  name: 'FollowUp',
  description: '回访。A follow-up with the petitioner.',
  fields: (t) => ({
    method: t.expose('method', { type: FollowUpMethod, description: '方式。Method.' }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: '时间。When.' }),
    notes: t.string({ description: `记录${MASKED}。Notes.${MASKED_EN}`, select: { columns: { notes: true } }, resolve: (row) => maskPersonalData(row.notes) }),
    satisfaction: t.expose('satisfaction', { type: SatisfactionRef, nullable: true, description: '评价。Satisfaction told.' }),
  }),
});

/** A Node as Supervision is (recordHearing takes its global id). */
export const HearingRef = builder.drizzleNode('hearings', {
  name: 'Hearing',
  description: '听证，其时间暂停期限计算；按全局 ID 读取时须可查看其事项。A hearing; its time pauses the running clock. By global id, whoever may read its case.',
  id: { column: (h) => h.id },
  authScopes: (row) => ({ $any: { $granted: VIA_READABLE_CASE, caseVisible: row.caseId } }),
  runScopesOnType: true,
  fields: (t) => ({
    scheduledOn: t.expose('scheduledOn', { type: 'Date', description: '安排日期。Scheduled for.' }),
    heldOn: t.expose('heldOn', { type: 'Date', nullable: true, description: '举行日期。Held on.' }),
    location: t.exposeString('location', { description: '地点。Location.' }),
    status: t.expose('status', { type: HearingStatus, description: '状态。Status.' }),
    summary: t.string({ nullable: true, description: `听证情况${MASKED}。Summary.${MASKED_EN}`, select: { columns: { summary: true } }, resolve: (row) => maskText(row.summary) }),
  }),
});


export const Case = builder.drizzleNode('cases', {
  name: 'Case',
  description: '信访事项。A petition: request, complaint, suggestion or accusation.',
  id: { column: (c) => c.id },
  // Load only what the query asks for, plus what the visibility rule reads (a case row has ~60 columns).
  select: { columns: visibilityColumns },
  // Every path to a case (node, nodes, connections, relations) passes this check.
  authScopes: (row, ctx) => canReadCase(viewerOf(ctx), row),
  // Checked once per case object (isTypeOf), not again on each of its fields: same rule, one evaluation.
  runScopesOnType: true,
  // Its supervision orders and hearings need no look-up of their own. A type grant, not one on those fields: isTypeOf
  // sees the path of the field that returned the object, where a field's own grant is not found (scope-auth 4.2).
  grantScopes: () => [VIA_READABLE_CASE],
  fields: (t) => ({
    number: t.exposeString('number', { description: '信访件编号（单位代码-年份-序号）。Case number.' }),
    queryCode: t.exposeString('queryCode', { description: '查询码：信访人凭编号与查询码免登录查询进度。Query code.' }),
    kind: t.expose('kind', { type: CaseKind, description: '类别。Kind.' }),
    category: t.exposeString('category', { description: '问题分类，例如 劳动社保、征地拆迁。Category.' }),
    title: t.string({ description: `标题${MASKED}。Title.${MASKED_EN}`, select: { columns: { title: true } }, resolve: (row) => maskPersonalData(row.title) }),
    content: t.string({ description: `诉求内容${MASKED}；责任单位工作人员可经 revealCaseText 查看原文（留痕）。What is asked.${MASKED_EN} The handling unit may see it whole through revealCaseText (recorded).`, select: { columns: { content: true } }, resolve: (row) => maskPersonalData(row.content) }),
    channel: t.expose('channel', { type: Channel, description: '渠道。Channel.' }),
    status: t.expose('status', { type: CaseStatusEnum, description: '状态。Status.' }),
    statusLabel: t.string({ description: '状态中文名。Status in Chinese.', resolve: (c) => caseStatusLabels[c.status] }),
    placeCode: t.exposeString('placeCode', { description: '事发地行政区划代码。Division code of the place.' }),
    receivedOn: t.expose('receivedOn', { type: 'Date', description: '收件日期。Date received.' }),
    registeredAt: t.expose('createdAt', { type: 'DateTime', description: '登记时间。When it was registered.' }),
    version: t.exposeInt('version', { description: '版本号：每次办理操作加一（系统预警、超期提醒不改变它），操作时作为 expectedVersion 传入。Version for optimistic concurrency: bumped by every action, never by system notices.' }),
    isGroup: t.boolean({ description: '是否集体访（多名信访人）。Group petition.', resolve: (c) => c.petitionerIds.length > 1 }),
    skipLevel: t.exposeBoolean('skipLevel', { description: '越级访。Filed above the owning level.' }),
    unit: t.relation('unit', { type: Unit, description: '当前责任单位。Unit now responsible.' }),
    receivingUnit: t.relation('receivingUnit', { type: Unit, description: '登记单位。Unit that registered it.' }),
    participants: t.relation('participants', {
      type: CaseParticipant,
      description:
        '信访人与代理人，主信访人在前。检举控告类事项仅责任单位本级工作人员和信访人本人可见，其他人得到空列表。People on the case; for accusations only the handling unit and the petitioners see them.',
      query: { orderBy: { position: 'asc' } },
      // 检举控告: the accuser's identity reaches only the handling unit itself (and the accuser).
      authScopes: (row, _args, ctx) => mayKnowAccuser(viewerOf(ctx), row),
      unauthorizedError: redacted,
      unauthorizedResolver: () => [],
    }),
    identityRedacted: t.boolean({
      description: '信访人身份是否因检举控告保密而对你隐藏。Whether the petitioners are hidden from you (accusation confidentiality).',
      resolve: (row, _args, ctx) => !mayKnowAccuser(viewerOf(ctx), row),
    }),
    accusedPerson: t.string({
      nullable: true,
      select: { columns: { accusedPerson: true } },
      description: '被检举控告人（仅责任单位可见）。Accused person; only the handling unit sees it.',
      resolve: (row, _args, ctx) => (mayKnowAccuser(viewerOf(ctx), row) ? maskText(row.accusedPerson) : null),
    }),
    nextDueOn: t.expose('nextDueOn', { type: 'Date', nullable: true, description: '最近一个未完成时限的到期日（听证期间为空）。Earliest open deadline.' }),
    overdue: t.exposeBoolean('overdue', { description: '是否有时限已超期。A deadline has passed.' }),
    deadlines: t.field({
      type: [Deadline],
      description: '各法定时限（已开始的），含到期日、暂停天数、是否按期、预警状态。Every clock that has started.',
      select: { columns: clockColumns },
      resolve: async (row, _args, ctx) => clocksOfCase(row as CaseRow, toChinaDate(ctx.now()), await loadWorkCalendar(ctx.db)).clocks,
    }),
    allowedActions: t.field({
      type: [CaseActionEnum],
      description: '按状态与你的角色，此刻可执行的操作（取值即 mutation 名称；还需满足单位层级等规则）。Actions your roles allow in this status, named as their mutations.',
      resolve: (row, _args, ctx) => allowedActions(row.status as CaseStatus, ctx.actor?.roles ?? []),
    }),
    outcome: t.expose('outcome', { type: OutcomeRef, nullable: true, description: '处理意见结论。Decision outcome.' }),
    decisionSummary: t.string({ nullable: true, description: `处理意见${MASKED}。Written decision.${MASKED_EN}`, select: { columns: { decisionSummary: true } }, resolve: (row) => maskText(row.decisionSummary) }),
    decidedOn: t.expose('decidedOn', { type: 'Date', nullable: true, description: '出具处理意见日期。Decided on.' }),
    acceptedOn: t.expose('acceptedOn', { type: 'Date', nullable: true, description: '受理日期。Accepted on.' }),
    routedOn: t.expose('routedOn', { type: 'Date', nullable: true, description: '转送/交办日期。Routed on.' }),
    reportDueOn: t.expose('reportDueOn', { type: 'Date', nullable: true, description: '交办要求报送结果的期限。Assignment report due.' }),
    declineReason: t.expose('declineReason', { type: DeclineReason, nullable: true, description: '不予受理理由。Decline reason.' }),
    resolved: t.exposeBoolean('resolved', { nullable: true, description: '是否化解。Resolved.' }),
    extensionDays: t.exposeInt('extensionDays', { description: '已批准的延期天数。Approved extension.' }),
    extensionReason: t.string({ nullable: true, description: `延期理由${MASKED}。Extension reason.${MASKED_EN}`, select: { columns: { extensionReason: true } }, resolve: (row) => maskText(row.extensionReason) }),
    satisfaction: t.expose('satisfaction', { type: SatisfactionRef, nullable: true, description: '信访人评价。Evaluation.' }),
    backlog: t.exposeBoolean('backlog', { description: '是否列为信访积案。Backlog case.' }),
    backlogClearedOn: t.expose('backlogClearedOn', { type: 'Date', nullable: true, description: '积案化解日期。Backlog cleared on.' }),
    concludedMatter: t.exposeBoolean('concludedMatter', {
      description: '同一信访人同类事项已复核终结：依条例不再受理，可选择 declineCase(reason: CONCLUDED_ALREADY)。Already concluded matter.',
    }),
    caseLeader: t.relation('caseLeader', { nullable: true, description: '包案领导。Leader answering for the case.' }),
    reviewUnit: t.relation('reviewUnit', { nullable: true, description: '复查单位。Reviewing unit.' }),
    reReviewUnit: t.relation('reReviewUnit', { nullable: true, description: '复核单位。Re-reviewing unit.' }),
    supervisions: t.relation('supervisions', { type: SupervisionRef, description: '督办单。Supervision orders.', query: { orderBy: { createdAt: 'asc' } } }),
    followUps: t.relation('followUps', { type: FollowUpRef, description: '回访记录。Follow-ups.', query: { orderBy: { occurredAt: 'asc' } } }),
    hearings: t.relation('hearings', { type: HearingRef, description: '听证。Hearings.', query: { orderBy: { createdAt: 'asc' } } }),
    mergedInto: t.relation('mergedInto', { nullable: true, description: '被合并到的事项。The case this duplicate was merged into.' }),
    repeatOf: t.relation('repeatOf', { nullable: true, description: '重复信访所指的原事项。The earlier case this repeats.' }),
    events: t.relatedConnection('events', {
      type: CaseEvent,
      description: '历史记录，最新在前。History, newest first.',
      query: { orderBy: { sequence: 'desc' } },
      totalCount: true,
    }),
  }),
});

const CaseFilterInput = builder.inputType('CaseFilter', {
  description: '事项筛选条件（均可选，同时给出时取交集）。Filters; all optional, combined with AND.',
  fields: (t) => ({
    status: t.field({ type: [CaseStatusEnum], description: '状态之一。Any of these statuses.' }),
    kind: t.field({ type: [CaseKind], description: '类别之一。Any of these kinds.' }),
    channel: t.field({ type: [Channel], description: '渠道之一。Any of these channels.' }),
    unitId: t.globalID({ description: '责任单位及其下级。Responsible unit and its subtree.' }),
    receivedFrom: t.field({ type: 'Date', description: '收件日期不早于。Received on or after.' }),
    receivedTo: t.field({ type: 'Date', description: '收件日期不晚于。Received on or before.' }),
    text: t.string({ description: '在编号、标题、内容中查找。Text in number, title or content.', ...maxLength(caseInputLimits.search) }),
    overdue: t.boolean({ description: '是否已超期。Overdue now.' }),
    dueOnOrBefore: t.field({ type: 'Date', description: '最近到期日不晚于（“本周到期”）。Next due date on or before.' }),
    backlog: t.boolean({ description: '是否信访积案。Backlog cases.' }),
    category: t.stringList({ description: '问题分类之一（精确匹配）。Any of these categories, exact.' }),
    petitionerId: t.globalID({
      for: [Petitioner],
      description:
        '载有该信访人的事项（不含代理人）；检举控告类只在你可知检举人时列出。Cases naming this petitioner (not as agent); accusations only where you may know the accuser.',
    }),
    receivingUnitId: t.globalID({ for: [Unit], description: '登记单位及其下级。Registering unit and its subtree.' }),
    number: t.string({ description: '信访件编号，精确匹配。Exact case number.' }),
    updatedSince: t.field({
      type: 'DateTime',
      description:
        '自该时刻起有变动（任何操作或期限状态变化，含该时刻）；配合 orderBy: UPDATED_ASC 做增量同步。Changed at or after this instant (any action or deadline state); with UPDATED_ASC, an incremental sync.',
    }),
  }),
});

const CaseOrder = builder.enumType('CaseOrder', {
  description: '排序方式。Ordering.',
  values: {
    RECEIVED_DESC: { description: '收件日期，新的在前（默认）' },
    RECEIVED_ASC: { description: '收件日期，早的在前' },
    NEXT_DUE_ASC: { description: '最近到期日，早的在前' },
    UPDATED_ASC: { description: '最近变动时间，早的在前（增量同步用）。Last change, oldest first (for incremental sync).' },
    UPDATED_DESC: { description: '最近变动时间，新的在前。Last change, newest first.' },
  },
});

type Filter = typeof CaseFilterInput.$inferInput;

/** Each order ends on the id, so pages never skip or repeat a case between equal keys. */
const caseOrders = {
  RECEIVED_DESC: { receivedOn: 'desc', id: 'desc' },
  RECEIVED_ASC: { receivedOn: 'asc', id: 'asc' },
  NEXT_DUE_ASC: { nextDueOn: 'asc', id: 'asc' },
  UPDATED_ASC: { updatedAt: 'asc', id: 'asc' },
  UPDATED_DESC: { updatedAt: 'desc', id: 'desc' },
} as const satisfies Record<typeof CaseOrder.$inferType, Record<string, 'asc' | 'desc'>>;

async function resolveFilter(ctx: Parameters<typeof viewerOf>[0], filter: Filter | null | undefined) {
  if (!filter) return null;
  const unitPath = filter.unitId ? await unitPathOf(ctx.db, filter.unitId.id) : null;
  const receivingUnitPath = filter.receivingUnitId ? await unitPathOf(ctx.db, filter.receivingUnitId.id) : null;
  return { ...filter, unitPath, receivingUnitPath, petitionerId: filter.petitionerId?.id ?? null };
}

builder.queryFields((t) => ({
  cases: t.drizzleConnection({
    type: Case,
    description: '按权限可见的事项：工作人员看本单位及下级，信访人看本人事项。Cases you may read: staff their unit’s subtree, petitioners their own.',
    skipTypeScopes: true,
    authScopes: { $all: { authenticated: true, apiKeyScope: 'CASES_READ' } },
    maxSize: MAX_PAGE_SIZE,
    args: {
      filter: t.arg({ type: CaseFilterInput, description: '筛选。Filters.' }),
      orderBy: t.arg({ type: CaseOrder, defaultValue: 'RECEIVED_DESC', description: '排序。Ordering.' }),
    },
    totalCount: async (_parent, args, ctx) => {
      return countCases(ctx.db, viewerOf(ctx), await resolveFilter(ctx, args.filter));
    },
    resolve: async (query, _parent, args, ctx) => {
      const filter = await resolveFilter(ctx, args.filter);
      const viewer = viewerOf(ctx);
      const orderBy = caseOrders[args.orderBy ?? 'RECEIVED_DESC'];
      const where = { RAW: (table: typeof cases) => caseFilterSql(table, viewer, filter) };
      // The RAW filter defeats drizzle's row-type inference; the rows are full cases rows.
      return ctx.db.query.cases.findMany(query({ where, orderBy })) as unknown as Promise<(typeof cases.$inferSelect)[]>;
    },
  }),
}));

const TimelineEntry = builder
  .objectRef<{ occurredAt: Date; toStatus: string | null; type: string }>('PublicTimelineEntry')
  .implement({
    description: '公开进度中的一步（不含任何个人信息）。One public step, without personal data.',
    fields: (t) => ({
      occurredAt: t.expose('occurredAt', { type: 'DateTime', description: '时间。When.' }),
      status: t.field({ type: CaseStatusEnum, nullable: true, description: '此后状态。Status after it.', resolve: (e) => e.toStatus as CaseStatus | null }),
      label: t.string({
        description: '进度说明。What happened.',
        resolve: (e) => publicStepLabel(e),
      }),
    }),
  });


const PublicCaseStatus = builder
  .objectRef<{ number: string; kind: string; status: CaseStatus; receivedOn: string; unitName: string; timeline: { occurredAt: Date; toStatus: string | null; type: string }[] }>(
    'PublicCaseStatus',
  )
  .implement({
    description: '凭编号与查询码免登录查询的进度，不含任何个人信息。Public progress, without personal data.',
    fields: (t) => ({
      number: t.exposeString('number', { description: '信访件编号。Case number.' }),
      kind: t.field({ type: CaseKind, description: '类别。Kind.', resolve: (s) => s.kind as CaseKindValue }),
      status: t.expose('status', { type: CaseStatusEnum, description: '状态。Status.' }),
      statusLabel: t.string({ description: '状态中文名。Status in Chinese.', resolve: (s) => caseStatusLabels[s.status] }),
      receivedOn: t.expose('receivedOn', { type: 'Date', description: '收件日期。Date received.' }),
      unitName: t.exposeString('unitName', { description: '当前办理单位。Unit now handling it.' }),
      timeline: t.field({ type: [TimelineEntry], description: '进度，早的在前。Steps, oldest first.', resolve: (s) => s.timeline }),
    }),
  });

function sameCode(a: string, b: string) {
  const left = Buffer.from(a.toUpperCase());
  const right = Buffer.from(b.toUpperCase());
  return left.length === right.length && timingSafeEqual(left, right);
}

builder.queryFields((t) => ({
  caseStatus: t.field({
    type: PublicCaseStatus,
    description: '公开查询：凭信访件编号与查询码查看进度，无需登录。Public lookup by case number and query code.',
    args: {
      number: t.arg.string({ required: true, description: '信访件编号。Case number.', ...maxLength(caseInputLimits.number) }),
      queryCode: t.arg.string({ required: true, description: '查询码。Query code.', ...maxLength(caseInputLimits.queryCode) }),
    },
    resolve: async (_root, args, ctx) => {
      // per client address, so a query code cannot be found by trying them all
      await ctx.integration?.limitPublicLookup();
      const [row] = await ctx.db
        .select({ id: cases.id, number: cases.number, queryCode: cases.queryCode, kind: cases.kind, status: cases.status, receivedOn: cases.receivedOn, unitName: units.name })
        .from(cases)
        .innerJoin(units, eq(units.id, cases.unitId))
        .where(eq(cases.number, args.number.trim()));
      // Same answer for an unknown number and a wrong code: numbers cannot be probed.
      if (!row || !sameCode(row.queryCode, args.queryCode.trim())) throw new NotFoundError('case', '编号或查询码不正确');
      const timeline = await ctx.db
        .select({ occurredAt: events.occurredAt, toStatus: events.toStatus, type: events.type })
        .from(events)
        // A reveal is the office's own audit, not a step of the petitioner's matter.
        .where(and(eq(events.streamType, 'CASE'), eq(events.streamId, row.id), ne(events.type, 'case.text_revealed')))
        .orderBy(asc(events.sequence));
      return { ...row, timeline };
    },
  }),
}));
