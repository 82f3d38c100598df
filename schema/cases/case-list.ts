import type { cases } from '../../db/schema';
import { caseInputLimits } from '../../db/cases/text-limits';
import { decodeBase64, decodeCursorChunk } from '@pothos/core';
import { and } from 'drizzle-orm';
import { isIsoDate } from '../../db/calendar/work-calendar';
import { InputError } from '../../db/errors';
import { caseFilterSql, countCases, cursorSeekSql, viewerOf } from '../../db/cases/service';
import { findManyPlanned } from '../../db/relational-plans';
import { unitPathOf } from '../../db/units/service';
import { builder } from '../builder';
import { maxLength } from '../input-limits';
import { MAX_PAGE_SIZE } from '../page-limits';
import { Petitioner } from '../petitioners/types';
import { Unit } from '../units/types';
import { Case } from './case';
import { CaseKind, CaseStatusEnum, Channel } from './enums';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The first key of each order (its tie-breaker is the id). */
type OrderKey = Exclude<{ [Order in keyof typeof caseOrders]: keyof (typeof caseOrders)[Order] }[keyof typeof caseOrders], 'id'>;
/** What each order's first key may be in a cursor (dates as YYYY-MM-DD, instants as Date; next due may be null). */
const orderKeyFits: Record<OrderKey, (value: unknown) => boolean> = {
  receivedOn: isIsoDate,
  nextDueOn: (value) => value === null || isIsoDate(value),
  updatedAt: (value) => value instanceof Date && !Number.isNaN(value.getTime()),
};

/**
 * The order's values in a list cursor (plugin-drizzle writes "DC:" and the tuple of the order's values). A cursor that
 * is not one of this order is refused here as input/invalid: the database would otherwise reject its values.
 */
function cursorValues(cursor: string, argument: 'after' | 'before', key: OrderKey): [unknown, string] {
  let values: unknown;
  try {
    const decoded = decodeBase64(cursor);
    values = decoded.startsWith('DC:') ? decodeCursorChunk(decoded.slice(3)) : undefined;
  } catch {
    values = undefined;
  }
  if (!Array.isArray(values) || values.length !== 2 || !orderKeyFits[key](values[0]) || typeof values[1] !== 'string' || !UUID.test(values[1])) {
    throw InputError.forField(argument, '分页游标无效，请使用列表返回的游标（排序方式须与取得游标时相同）');
  }
  return values as [unknown, string];
}

/** Where the page's cursors start and end it, as predicates the order's index can seek to (db/cases/service.ts). */
function seekBounds(table: typeof cases, order: Record<string, 'asc' | 'desc'>, args: { after?: string | null; before?: string | null }) {
  const [key, direction] = Object.entries(order)[0] as [OrderKey, 'asc' | 'desc'];
  const column = table[key as keyof typeof table] as Parameters<typeof cursorSeekSql>[0];
  return (['after', 'before'] as const).map((side) => {
    const cursor = args[side];
    if (cursor == null) return undefined;
    const [keyValue, id] = cursorValues(cursor, side, key);
    return cursorSeekSql(column, table.id, direction, side, keyValue, id);
  });
}

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
      const where = { RAW: (table: typeof cases) => and(caseFilterSql(table, viewer, filter), ...seekBounds(table, orderBy, args))! };
      // The SQL is built once per shape of list (db/relational-plans.ts); the rows are cases rows.
      return findManyPlanned(ctx.db, 'cases', query({ where, orderBy })) as Promise<(typeof cases.$inferSelect)[]>;
    },
  }),
}));
