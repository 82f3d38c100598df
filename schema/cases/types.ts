import { and, asc, eq } from 'drizzle-orm';
import { caseKinds, caseStatuses, channels, events, cases, participantRoles, units } from '../../db/schema';
import { builder } from '../builder';
import { NotFoundError } from '../errors';
import { Petitioner } from '../petitioners/types';
import { Unit } from '../units/types';
import { caseStatusLabels, type CaseStatus } from './lifecycle';
import { caseFilterSql, countCases, viewerOf } from './service';
import { canReadCase } from './visibility';
import { unitPathOf } from '../units/service';
import { timingSafeEqual } from 'node:crypto';

export const CaseKind = builder.enumType('CaseKind', {
  description: '信访事项类别（《信访工作条例》三类）。The regulation’s three kinds.',
  values: {
    SUGGESTION: { description: '建议意见类' },
    ACCUSATION: { description: '检举控告类（检举人身份与材料保密）' },
    APPEAL_REQUEST: { description: '申诉求决类' },
  } satisfies Record<(typeof caseKinds)[number], { description: string }>,
});

export const Channel = builder.enumType('Channel', {
  description: '受理渠道。Intake channel.',
  values: {
    LETTER: { description: '来信' },
    VISIT: { description: '来访' },
    ONLINE: { description: '网上信访' },
    PHONE: { description: '电话' },
    SMS: { description: '短信' },
    HOTLINE_12345: { description: '12345 热线转来' },
    TRANSFER: { description: '上级或其他系统转来' },
  } satisfies Record<(typeof channels)[number], { description: string }>,
});

export const CaseStatusEnum = builder.enumType('CaseStatus', {
  description: '信访事项状态。Case status.',
  values: Object.fromEntries(caseStatuses.map((status) => [status, { description: caseStatusLabels[status] }])) as Record<
    CaseStatus,
    { description: string }
  >,
});

export const ParticipantRole = builder.enumType('ParticipantRole', {
  description: '信访人在事项中的身份。Role of a person on a case.',
  values: {
    PRIMARY: { description: '主信访人' },
    CO_PETITIONER: { description: '共同信访人（集体访）' },
    REPRESENTATIVE: { description: '集体访推选的代表（至多 5 人）' },
    AGENT: { description: '代理人/代办人（网格员、律师等“两代”）' },
  } satisfies Record<(typeof participantRoles)[number], { description: string }>,
});

const CaseParticipant = builder.drizzleObject('casePetitioners', {
  name: 'CaseParticipant',
  description: '事项上的一位信访人或代理人。A person on a case.',
  fields: (t) => ({
    role: t.expose('role', { type: ParticipantRole, description: '身份。Role.' }),
    petitioner: t.relation('petitioner', { type: Petitioner, description: '信访人。The person.' }),
  }),
});

export const CaseEvent = builder.drizzleObject('events', {
  name: 'CaseEvent',
  description: '事项历史中的一条记录（只增不改）。One entry of a case’s append-only history.',
  fields: (t) => ({
    sequence: t.exposeInt('sequence', { description: '事项内序号，从 1 起连续。Gap-free sequence within the case.' }),
    cursor: t.string({
      description: '全局事件游标（订阅与 webhook 断点续传用）。Global event cursor.',
      resolve: (event) => String(event.id),
    }),
    type: t.exposeString('type', { description: '事件类型，例如 case.registered。Event type.' }),
    fromStatus: t.field({ type: CaseStatusEnum, nullable: true, description: '变更前状态。Status before.', resolve: (e) => e.fromStatus as CaseStatus | null }),
    toStatus: t.field({ type: CaseStatusEnum, nullable: true, description: '变更后状态。Status after.', resolve: (e) => e.toStatus as CaseStatus | null }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: '发生时间（线下办理可补录）。When it happened.' }),
    recordedAt: t.expose('recordedAt', { type: 'DateTime', description: '记录时间。When it was recorded.' }),
    actor: t.relation('actor', { nullable: true, description: '操作账号；系统操作为 null。Who did it; null for the system.' }),
    payload: t.expose('payload', { type: 'JSON', description: '事件内容。Event details.' }),
  }),
});

export const Case = builder.drizzleNode('cases', {
  name: 'Case',
  description: '信访事项。A petition: request, complaint, suggestion or accusation.',
  id: { column: (c) => c.id },
  // Every path to a case (node, nodes, connections, relations) passes this check.
  authScopes: (row, ctx) => canReadCase(viewerOf(ctx), row),
  fields: (t) => ({
    number: t.exposeString('number', { description: '信访件编号（单位代码-年份-序号）。Case number.' }),
    queryCode: t.exposeString('queryCode', { description: '查询码：信访人凭编号与查询码免登录查询进度。Query code.' }),
    kind: t.expose('kind', { type: CaseKind, description: '类别。Kind.' }),
    category: t.exposeString('category', { description: '问题分类，例如 劳动社保、征地拆迁。Category.' }),
    title: t.exposeString('title', { description: '标题。Title.' }),
    content: t.exposeString('content', { description: '诉求内容。What is asked.' }),
    channel: t.expose('channel', { type: Channel, description: '渠道。Channel.' }),
    status: t.expose('status', { type: CaseStatusEnum, description: '状态。Status.' }),
    statusLabel: t.string({ description: '状态中文名。Status in Chinese.', resolve: (c) => caseStatusLabels[c.status] }),
    placeCode: t.exposeString('placeCode', { description: '事发地行政区划代码。Division code of the place.' }),
    receivedOn: t.expose('receivedOn', { type: 'Date', description: '收件日期。Date received.' }),
    registeredAt: t.expose('createdAt', { type: 'DateTime', description: '登记时间。When it was registered.' }),
    version: t.exposeInt('version', { description: '版本号（= 历史事件数），操作时作为 expectedVersion 传入。Version for optimistic concurrency.' }),
    isGroup: t.boolean({ description: '是否集体访（多名信访人）。Group petition.', resolve: (c) => c.petitionerIds.length > 1 }),
    skipLevel: t.exposeBoolean('skipLevel', { description: '越级访。Filed above the owning level.' }),
    unit: t.relation('unit', { type: Unit, description: '当前责任单位。Unit now responsible.' }),
    receivingUnit: t.relation('receivingUnit', { type: Unit, description: '登记单位。Unit that registered it.' }),
    participants: t.relation('participants', {
      type: CaseParticipant,
      description: '信访人与代理人，主信访人在前。People on the case.',
      query: { orderBy: { position: 'asc' } },
    }),
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
    text: t.string({ description: '在编号、标题、内容中查找。Text in number, title or content.' }),
    overdue: t.boolean({ description: '是否已超期。Overdue now.' }),
    dueOnOrBefore: t.field({ type: 'Date', description: '最近到期日不晚于（“本周到期”）。Next due date on or before.' }),
    backlog: t.boolean({ description: '是否信访积案。Backlog cases.' }),
  }),
});

const CaseOrder = builder.enumType('CaseOrder', {
  description: '排序方式。Ordering.',
  values: {
    RECEIVED_DESC: { description: '收件日期，新的在前（默认）' },
    RECEIVED_ASC: { description: '收件日期，早的在前' },
    NEXT_DUE_ASC: { description: '最近到期日，早的在前' },
  },
});

type Filter = typeof CaseFilterInput.$inferInput;
async function resolveFilter(ctx: Parameters<typeof viewerOf>[0], filter: Filter | null | undefined) {
  if (!filter) return null;
  const unitPath = filter.unitId ? await unitPathOf(ctx.db, filter.unitId.id) : null;
  return { ...filter, unitPath };
}

builder.queryFields((t) => ({
  cases: t.drizzleConnection({
    type: Case,
    description: '按权限可见的事项：工作人员看本单位及下级，信访人看本人事项。first 最大 100。Cases you may read; at most 100 per page.',
    authScopes: { authenticated: true },
    maxSize: 100,
    args: {
      filter: t.arg({ type: CaseFilterInput, description: '筛选。Filters.' }),
      orderBy: t.arg({ type: CaseOrder, defaultValue: 'RECEIVED_DESC', description: '排序。Ordering.' }),
    },
    totalCount: async (_parent, args, ctx) => countCases(ctx.db, viewerOf(ctx), await resolveFilter(ctx, args.filter)),
    resolve: async (query, _parent, args, ctx) => {
      const filter = await resolveFilter(ctx, args.filter);
      const viewer = viewerOf(ctx);
      const direction: 'asc' | 'desc' = args.orderBy === 'RECEIVED_DESC' ? 'desc' : 'asc';
      const orderBy =
        args.orderBy === 'NEXT_DUE_ASC' ? { nextDueOn: direction, id: direction } : { receivedOn: direction, id: direction };
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
        resolve: (e) => (e.toStatus ? caseStatusLabels[e.toStatus as CaseStatus] : publicEventLabels[e.type] ?? '办理中'),
      }),
    }),
  });

const publicEventLabels: Record<string, string> = {
  'case.extended': '办理期限已延长',
  'case.hearing_scheduled': '已安排听证',
  'case.supervised': '上级已督办',
  'case.followed_up': '已回访',
};

const PublicCaseStatus = builder
  .objectRef<{ number: string; kind: string; status: CaseStatus; receivedOn: string; unitName: string; timeline: { occurredAt: Date; toStatus: string | null; type: string }[] }>(
    'PublicCaseStatus',
  )
  .implement({
    description: '凭编号与查询码免登录查询的进度，不含任何个人信息。Public progress, without personal data.',
    fields: (t) => ({
      number: t.exposeString('number', { description: '信访件编号。Case number.' }),
      kind: t.field({ type: CaseKind, description: '类别。Kind.', resolve: (s) => s.kind as (typeof caseKinds)[number] }),
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
      number: t.arg.string({ required: true, description: '信访件编号。Case number.' }),
      queryCode: t.arg.string({ required: true, description: '查询码。Query code.' }),
    },
    resolve: async (_root, args, ctx) => {
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
        .where(and(eq(events.streamType, 'CASE'), eq(events.streamId, row.id)))
        .orderBy(asc(events.sequence));
      return { ...row, timeline };
    },
  }),
}));
