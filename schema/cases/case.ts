import { allowedActions, caseStatusLabels, type CaseStatus } from '../../db/cases/lifecycle';
import { clocksOfCase, type CaseRow } from '../../db/cases/clock-state';
import { viewerOf } from '../../db/cases/service';
import { canReadCase, mayKnowAccuser } from '../../db/cases/visibility';
import { loadWorkCalendar } from '../../db/calendar/service';
import { toChinaDate } from '../../db/calendar/work-calendar';
import { maskPersonalData, maskText } from '../../db/petitioners/free-text';
import { builder } from '../builder';
import { Unit } from '../units/types';
import { Deadline } from './deadline';
import { CaseActionEnum, CaseKind, CaseStatusEnum, Channel, DeclineReason, OutcomeRef, SatisfactionRef } from './enums';
import { CaseEvent, CaseEventsConnection } from './event';
import { historyField } from '../events/history-connection';
import { FollowUpRef } from './follow-up';
import { HearingRef } from './hearing';
import { MASKED, MASKED_EN, redacted, VIA_READABLE_CASE } from './masking';
import { CaseParticipant } from './participant';
import { SupervisionRef } from './supervision';

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

/**
 * What a workbench list shows of every case, read with every case (small columns; content and the other long texts
 * stay behind their own fields). Their fields resolve without a select: plugin-drizzle wraps a field that has one
 * (an exposed column of a type with a select has one) in its loader-mapping check, on every field of every row —
 * the largest share of the list's CPU (issue 11).
 */
const listColumns = {
  ...visibilityColumns,
  number: true,
  queryCode: true,
  category: true,
  title: true,
  channel: true,
  placeCode: true,
  receivedOn: true,
  createdAt: true,
  version: true,
  skipLevel: true,
  nextDueOn: true,
  overdue: true,
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

export const Case = builder.drizzleNode('cases', {
  name: 'Case',
  description: '信访事项。A petition: request, complaint, suggestion or accusation.',
  id: { column: (c) => c.id },
  // What the visibility rule and a list read, and otherwise only what the query asks for (a case row has ~60 columns).
  select: { columns: listColumns },
  // Every path to a case (node, nodes, connections, relations) passes this check.
  authScopes: (row, ctx) => canReadCase(viewerOf(ctx), row),
  // Checked once per case object (isTypeOf), not again on each of its fields: same rule, one evaluation.
  runScopesOnType: true,
  // Its supervision orders and hearings need no look-up of their own. A type grant, not one on those fields: isTypeOf
  // sees the path of the field that returned the object, where a field's own grant is not found (scope-auth 4.2).
  grantScopes: () => [VIA_READABLE_CASE],
  fields: (t) => ({
    number: t.string({ description: '信访件编号（单位代码-年份-序号）。Case number.', resolve: (c) => c.number }),
    queryCode: t.string({ description: '查询码：信访人凭编号与查询码免登录查询进度。Query code.', resolve: (c) => c.queryCode }),
    kind: t.field({ type: CaseKind, description: '类别。Kind.', resolve: (c) => c.kind }),
    category: t.string({ description: '问题分类，例如 劳动社保、征地拆迁。Category.', resolve: (c) => c.category }),
    title: t.string({ description: `标题${MASKED}。Title.${MASKED_EN}`, resolve: (row) => maskPersonalData(row.title) }),
    content: t.string({ description: `诉求内容${MASKED}；责任单位工作人员可经 revealCaseText 查看原文（留痕）。What is asked.${MASKED_EN} The handling unit may see it whole through revealCaseText (recorded).`, select: { columns: { content: true } }, resolve: (row) => maskPersonalData(row.content) }),
    channel: t.field({ type: Channel, description: '渠道。Channel.', resolve: (c) => c.channel }),
    status: t.field({ type: CaseStatusEnum, description: '状态。Status.', resolve: (c) => c.status }),
    statusLabel: t.string({ description: '状态中文名。Status in Chinese.', resolve: (c) => caseStatusLabels[c.status] }),
    placeCode: t.string({ description: '事发地行政区划代码。Division code of the place.', resolve: (c) => c.placeCode }),
    receivedOn: t.field({ type: 'Date', description: '收件日期。Date received.', resolve: (c) => c.receivedOn }),
    registeredAt: t.field({ type: 'DateTime', description: '登记时间。When it was registered.', resolve: (c) => c.createdAt }),
    version: t.int({ resolve: (c) => c.version, description: '版本号：每次办理操作加一（系统预警、超期提醒不改变它），操作时作为 expectedVersion 传入。Version for optimistic concurrency: bumped by every action, never by system notices.' }),
    isGroup: t.boolean({ description: '是否集体访（多名信访人）。Group petition.', resolve: (c) => c.petitionerIds.length > 1 }),
    skipLevel: t.boolean({ description: '越级访。Filed above the owning level.', resolve: (c) => c.skipLevel }),
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
    nextDueOn: t.field({ type: 'Date', nullable: true, description: '最近一个未完成时限的到期日（听证期间为空）。Earliest open deadline.', resolve: (c) => c.nextDueOn }),
    overdue: t.boolean({ description: '是否有时限已超期。A deadline has passed.', resolve: (c) => c.overdue }),
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
    events: t.field(
      historyField('cases', { order: 'desc', node: CaseEvent, connection: CaseEventsConnection, description: '历史记录，最新在前。History, newest first.' }),
    ),
  }),
});
