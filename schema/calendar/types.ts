/**
 * The work calendar (statutory holidays and adjusted working days) and the units' local SLA policies,
 * as kept by administrators through the API.
 */
import * as z from 'zod/mini';
import { calendarDayKinds, policyMilestones } from '../../db/schema';
import { builder } from '../builder';
import { ForbiddenError, InputError, NotFoundError } from '../../db/errors';
import { commonMutationErrors } from '../common/errors';
import { parseInput } from '../../db/common/validate';
import type { StatutoryHoliday } from '../../db/calendar/statutory-holidays';
import { Unit } from '../units/types';
import { getUnit, isWithinSubtree, unitPathOf } from '../../db/units/service';
import type { Context } from '../context';
import { ACCEPT_DAYS, HANDLE_DAYS, ROUTE_DAYS } from '../../db/cases/statutory-limits';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR, chinaToday, DateRangeError, DEFAULT_WARN_DAYS, isIsoDate, isWeekend, LAST_DATE, statutoryDueDate } from '../../db/calendar/work-calendar';
import {
  deactivateSlaPolicyRow,
  deleteCalendarDay,
  enterOfficialSchedule,
  getSlaPolicy,
  listCalendarDays,
  listCalendarYears,
  loadWorkCalendar,
  policyForUnitPath,
  statutoryMilestoneDays,
  unitIdsOnPath,
  upsertCalendarDay,
  upsertSlaPolicy,
  type CalendarDayRecord,
  type OfficialYearRecord,
  type SlaPolicyRecord,
} from '../../db/calendar/service';

// ---------------------------------------------------------------------------------------------
// Work calendar

export const CalendarDayKindEnum = builder.enumType('CalendarDayKind', {
  description: '特殊日期类别。Kind of special day (weekends are implied and not listed).',
  values: {
    HOLIDAY: { description: '法定节假日（放假日，含调入假期的周末）。A day off: statutory holiday.' },
    ADJUSTED_WORKDAY: { description: '调休上班日（周六或周日上班，按工作日计）。A Saturday or Sunday declared a working day.' },
  } satisfies Record<(typeof calendarDayKinds)[number], { description: string }>,
});

export const CalendarDay = builder.objectRef<CalendarDayRecord>('CalendarDay').implement({
  description:
    '工作日历中的一天：法定节假日或调休上班日。期限末日落在休息日（周末或节假日）时顺延至下一个工作日，调休上班日按工作日计。' +
    ' A holiday or adjusted working day; deadlines ending on a rest day move to the next working day.',
  fields: (t) => ({
    date: t.expose('date', { type: 'Date', description: '日期。The date.' }),
    kind: t.expose('kind', { type: CalendarDayKindEnum, description: '类别。Kind.' }),
    name: t.exposeString('name', { description: '节日名称，调休日为对应节日，例如 春节。Festival name.' }),
    provisional: t.boolean({
      description:
        '该年的国务院节假日安排尚未录入：此日仅按《全国年节及纪念日放假办法》推算（不含调休和连休）。' +
        ' The year has no official schedule yet: this day is derived by the statutory rule only (no 调休, no weekend joins).',
      resolve: async (day, _args, ctx) => !(await loadWorkCalendar(ctx.db)).isOfficialYear(Number(day.date.slice(0, 4))),
    }),
  }),
});

const CalendarYear = builder.objectRef<{ year: number; official: OfficialYearRecord | null }>('CalendarYear').implement({
  description:
    '一年的节假日安排状态：已录入国务院办公厅通知，或仅按法定规则推算（期限为暂定）。' +
    ' Whether a year’s State Council schedule is entered, or only the statutory days by rule are known (deadlines provisional).',
  fields: (t) => ({
    year: t.exposeInt('year', { description: '年份。The year.' }),
    official: t.boolean({ description: '是否已录入官方安排。Whether the official schedule is entered.', resolve: (y) => y.official !== null }),
    notice: t.string({ nullable: true, description: '官方安排所依据的通知。The notice it comes from.', resolve: (y) => y.official?.notice ?? null }),
    enteredAt: t.field({ type: 'DateTime', nullable: true, description: '录入时间。When it was entered.', resolve: (y) => y.official?.enteredAt ?? null }),
    days: t.field({
      type: [CalendarDay],
      description: '该年的节假日与调休上班日（未录入官方安排时为法定节日推算）。The year’s holidays and adjusted working days.',
      resolve: (y, _args, ctx) => listCalendarDays(ctx.db, y.year),
    }),
  }),
});

const CalendarDayInput = builder.inputType('CalendarDayInput', {
  description: '官方安排中的一天。One day of an official schedule.',
  fields: (t) => ({
    date: t.field({ type: 'Date', required: true, description: '日期。Date.' }),
    kind: t.field({ type: CalendarDayKindEnum, required: true, description: '类别。Kind.' }),
    name: t.string({ required: true, description: '节日名称。Festival name.' }),
  }),
});

const OfficialScheduleInput = builder.inputType('OfficialScheduleInput', {
  description:
    '国务院办公厅公布的某年节假日安排：全部放假日（含调入的周末）与调休上班日，替换该年已有的数据。' +
    ' A year’s State Council schedule: every day off (weekends joined in included) and every adjusted working day; replaces the year’s data.',
  fields: (t) => ({
    year: t.int({ required: true, description: '年份。Year.' }),
    notice: t.string({ required: true, description: '通知名称或文号。Title or number of the notice.' }),
    days: t.field({ type: [CalendarDayInput], required: true, description: '该年全部放假日与调休上班日。Every day off and adjusted working day.' }),
  }),
});

const MIN_YEAR = CALENDAR_MIN_YEAR;
const MAX_YEAR = CALENDAR_MAX_YEAR;

function checkYear(year: number, field = 'year') {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw InputError.forField(field, `年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间`);
  }
}

/**
 * The calendar is one national schedule (国务院办公厅节假日安排) shared by every unit: only an
 * administrator of a top unit of the tree (a unit without a parent) may change it.
 */
function assertCalendarAdmin(ctx: Context) {
  if (!ctx.unitPath || unitIdsOnPath(ctx.unitPath).length !== 1) {
    throw new ForbiddenError('节假日安排全国统一，只能由最上级单位的管理员维护');
  }
}

const setCalendarDaySchema = z
  .object({
    date: z.string().check(z.refine(isIsoDate, '日期格式应为 YYYY-MM-DD')),
    kind: z.enum(calendarDayKinds),
    name: z.string().check(z.trim(), z.minLength(1, '请填写节日名称'), z.maxLength(20, '节日名称最多 20 个字')),
  })
  .check(
    z.superRefine((day, issues) => {
      const year = Number(day.date.slice(0, 4));
      if (year < MIN_YEAR || year > MAX_YEAR) issues.addIssue({ code: 'custom', path: ['date'], message: `年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间` });
      if (day.kind === 'ADJUSTED_WORKDAY' && isIsoDate(day.date) && !isWeekend(day.date)) {
        issues.addIssue({ code: 'custom', path: ['kind'], message: '调休上班日只能是周六或周日（工作日本来就上班）' });
      }
    }),
  );

/** Takes the statutory rule as an argument: the resolver loads it (tyme4ts, ~210 KiB) on demand, not with the API. */
const officialScheduleSchema = (statutoryHolidays: (year: number) => StatutoryHoliday[]) => z
  .object({
    year: z.int(),
    notice: z.string().check(z.trim(), z.minLength(4, '请填写通知名称或文号'), z.maxLength(100, '通知名称最多 100 个字')),
    days: z.array(setCalendarDaySchema).check(z.minLength(1, '请填写该年的放假日')),
  })
  .check(
    z.superRefine((input, issues) => {
      if (!Number.isInteger(input.year) || input.year < MIN_YEAR || input.year > MAX_YEAR) {
        issues.addIssue({ code: 'custom', path: ['year'], message: `年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间` });
        return;
      }
      const seen = new Set<string>();
      input.days.forEach((day, index) => {
        if (!day.date.startsWith(`${input.year}-`)) issues.addIssue({ code: 'custom', path: ['days', String(index), 'date'], message: `${day.date} 不在 ${input.year} 年` });
        if (seen.has(day.date)) issues.addIssue({ code: 'custom', path: ['days', String(index), 'date'], message: `${day.date} 重复出现` });
        seen.add(day.date);
      });
      // The law fixes these days; a schedule without one of them is a typing error, not a policy.
      const off = new Set(input.days.filter((day) => day.kind === 'HOLIDAY').map((day) => day.date));
      const missing = statutoryHolidays(input.year).filter((day) => !off.has(day.date));
      if (missing.length) {
        issues.addIssue({
          code: 'custom',
          path: ['days'],
          message: `安排中缺少法定节假日：${missing.map((day) => `${day.date}（${day.name}）`).join('、')}`,
        });
      }
    }),
  );

builder.queryFields((t) => ({
  calendarDays: t.field({
    type: [CalendarDay],
    description:
      '某年的法定节假日与调休上班日（周末不列出），按日期排序。Holidays and adjusted working days of a year, by date; weekends are implied.',
    authScopes: { authenticated: true },
    args: { year: t.arg.int({ required: true, description: '年份，例如 2026。Year.' }) },
    resolve: async (_root, args, ctx) => {
      checkYear(args.year);
      return listCalendarDays(ctx.db, args.year);
    },
  }),
  calendarYears: t.field({
    type: [CalendarYear],
    description:
      '各年节假日安排是否已录入（默认今年前后各一年）：管理员据此补录国务院办公厅的通知；未录入的年份按法定规则推算，期限为暂定。' +
      ' Which years have their official schedule entered (default: last, this and next year); the others are derived by rule and provisional.',
    authScopes: { authenticated: true },
    args: {
      from: t.arg.int({ description: '起始年份（含）。First year.' }),
      to: t.arg.int({ description: '截止年份（含），最多 50 年。Last year; at most 50 years.' }),
    },
    resolve: async (_root, args, ctx) => {
      const thisYear = Number(chinaToday(ctx.now()).slice(0, 4));
      const from = args.from ?? thisYear - 1;
      const to = args.to ?? thisYear + 1;
      checkYear(from, 'from');
      checkYear(to, 'to');
      if (to < from || to - from >= 50) throw InputError.forField('to', '截止年份应不早于起始年份，且最多 50 年');
      return listCalendarYears(ctx.db, from, to);
    },
  }),
  isWorkingDay: t.boolean({
    description: '该日是否工作日：周一至周五且非节假日，或调休上班日。Whether the date is a working day.',
    authScopes: { authenticated: true },
    args: { date: t.arg({ type: 'Date', required: true, description: '日期。Date.' }) },
    resolve: async (_root, args, ctx) => (await loadWorkCalendar(ctx.db)).isWorkingDay(args.date),
  }),
  dueDate: t.field({
    type: 'Date',
    description:
      '按《信访工作条例》计算期限末日：自起始日次日起算 days 日（加中止天数），末日为休息日的顺延至下一个工作日。' +
      ' Due date of a period in calendar days counted from the day after start (plus paused days), moved off rest days.',
    authScopes: { authenticated: true },
    args: {
      start: t.arg({ type: 'Date', required: true, description: '起始事件日期（登记、受理等）。Day of the starting event.' }),
      days: t.arg.int({ required: true, description: '期限天数（0–366）。Period in calendar days.' }),
      pausedDays: t.arg.int({ defaultValue: 0, description: '中止天数（听证），0–366。Paused days.' }),
    },
    resolve: async (_root, args, ctx) => {
      const pausedDays = args.pausedDays ?? 0;
      if (!Number.isInteger(args.days) || args.days < 0 || args.days > 366) throw InputError.forField('days', '期限天数应在 0–366 之间');
      if (pausedDays < 0 || pausedDays > 366) throw InputError.forField('pausedDays', '中止天数应在 0–366 之间');
      const calendar = await loadWorkCalendar(ctx.db);
      try {
        return statutoryDueDate({ start: args.start, days: args.days, pausedDays, calendar });
      } catch (error) {
        if (error instanceof DateRangeError) throw InputError.forField('start', `期限末日超出可表示的日期范围（最晚 ${LAST_DATE}），请检查起始日期`);
        throw error;
      }
    },
  }),
}));

builder.mutationFields((t) => ({
  setCalendarDay: t.field({
    type: CalendarDay,
    description:
      '最上级单位管理员新增或修改一天（同一日期只有一条，已存在则覆盖）。已计算的事项期限在事项下次变动或期限巡检时按新日历重算。' +
      ' A top-unit administrator adds or replaces the entry for a date.',
    authScopes: { $all: { role: 'ADMIN', unitMember: true } },
    errors: { types: [...commonMutationErrors] },
    args: {
      date: t.arg({ type: 'Date', required: true, description: '日期。Date.' }),
      kind: t.arg({ type: CalendarDayKindEnum, required: true, description: '类别。Kind.' }),
      name: t.arg.string({ required: true, description: '节日名称。Festival name.' }),
    },
    resolve: async (_root, args, ctx) => {
      assertCalendarAdmin(ctx);
      const day = parseInput(setCalendarDaySchema, args);
      return upsertCalendarDay(ctx.db, day);
    },
  }),
  setOfficialSchedule: t.field({
    type: CalendarYear,
    description:
      '最上级单位管理员录入国务院办公厅公布的某年节假日安排：替换该年的推算数据并标记为官方安排，此后该年的期限不再是暂定。' +
      ' A top-unit administrator enters a year’s State Council schedule; it replaces the derived days and the year’s deadlines stop being provisional.',
    authScopes: { $all: { role: 'ADMIN', unitMember: true } },
    errors: { types: [...commonMutationErrors] },
    args: { input: t.arg({ type: OfficialScheduleInput, required: true, description: '官方安排。The schedule.' }) },
    resolve: async (_root, args, ctx) => {
      assertCalendarAdmin(ctx);
      const { statutoryHolidays } = await import('../../db/calendar/statutory-holidays');
      const input = parseInput(officialScheduleSchema(statutoryHolidays), args.input);
      const official = await enterOfficialSchedule(ctx.db, { ...input, enteredById: ctx.actor!.accountId });
      return { year: input.year, official };
    },
  }),
  removeCalendarDay: t.field({
    type: CalendarDay,
    description: '最上级单位管理员删除一天（日历是参考数据，可删除），返回被删除的记录。A top-unit administrator removes the entry for a date.',
    authScopes: { $all: { role: 'ADMIN', unitMember: true } },
    errors: { types: [...commonMutationErrors] },
    args: { date: t.arg({ type: 'Date', required: true, description: '日期。Date.' }) },
    resolve: async (_root, args, ctx) => {
      assertCalendarAdmin(ctx);
      const removed = await deleteCalendarDay(ctx.db, args.date);
      if (!removed) throw InputError.forField('date', `${args.date} 不在节假日安排中`);
      return removed;
    },
  }),
}));

// ---------------------------------------------------------------------------------------------
// Local SLA policies

export const PolicyMilestoneEnum = builder.enumType('PolicyMilestone', {
  description: '地方时限政策可缩短的环节。The milestone a local policy shortens.',
  values: {
    ROUTE: { description: `转送交办（登记后，法定 ${ROUTE_DAYS} 日）。Route after registration; statute ${ROUTE_DAYS} days.` },
    ACCEPT: { description: `受理告知（收到后，法定 ${ACCEPT_DAYS} 日）。Accept or decline; statute ${ACCEPT_DAYS} days.` },
    HANDLE: { description: `办理（受理后，法定 ${HANDLE_DAYS} 日，不含延期）。Handle after acceptance; statute ${HANDLE_DAYS} days.` },
  } satisfies Record<(typeof policyMilestones)[number], { description: string }>,
});

/** Policies of a unit apply to its subtree: staff on the unit's line (above, at or below it) may read them. */
async function onSameLine(ctx: Context, unitId: string): Promise<boolean> {
  if (!ctx.unitPath) return false;
  const path = await unitPathOf(ctx.db, unitId);
  return isWithinSubtree(path, ctx.unitPath) || isWithinSubtree(ctx.unitPath, path);
}

export const SlaPolicy = builder.drizzleNode('slaPolicies', {
  name: 'SlaPolicy',
  description:
    '单位的地方时限政策（如兴国县初信初访“3天见面、7天反馈、21天办结”，舞钢市“一日工作法”）：只能比条例更严，适用于本单位及下级；' +
    '同一环节以最近的上级（含本级）政策为准，并与条例取严。 A unit’s stricter local time limit; it applies to the unit’s subtree.',
  id: { column: (policy) => policy.id },
  authScopes: async (policy, ctx) => {
    if (!ctx.actor || !ctx.unitPath) return false;
    return onSameLine(ctx, policy.unitId);
  },
  fields: (t) => ({
    unit: t.field({
      type: Unit,
      description: '制定政策的单位。Unit that set the policy.',
      resolve: (policy, _args, ctx) => getUnit(ctx.db, policy.unitId),
    }),
    name: t.exposeString('name', { description: '政策名称。Name.' }),
    milestone: t.expose('milestone', { type: PolicyMilestoneEnum, description: '环节。Milestone.' }),
    days: t.exposeInt('days', {
      description: '时限（日历日，自起始事件次日起算，末日遇休息日顺延；0 表示当日）。Limit in calendar days; 0 = the same day.',
    }),
    warnDays: t.exposeInt('warnDays', { description: '到期前几日预警。Warning lead time in days.' }),
    firstPetitionOnly: t.exposeBoolean('firstPetitionOnly', { description: '仅适用于初信初访（非重复信访）。Only for first petitions.' }),
    active: t.exposeBoolean('active', { description: '是否有效（停用的政策保留备查，不删除）。Whether in force; deactivated policies are kept.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: '创建时间。When it was created.' }),
  }),
});

const TimeLimits = builder
  .objectRef<{ routeDays: number; acceptDays: number; handleDays: number; warnDays: number }>('TimeLimits')
  .implement({
    description: '某单位实际适用的时限：条例与各级地方政策取严。The limits in force for a unit: the stricter of statute and policy.',
    fields: (t) => ({
      routeDays: t.exposeInt('routeDays', { description: `转送交办期限（条例 ${ROUTE_DAYS} 日）。Days to route.` }),
      acceptDays: t.exposeInt('acceptDays', { description: `受理告知期限（条例 ${ACCEPT_DAYS} 日）。Days to accept or decline.` }),
      handleDays: t.exposeInt('handleDays', { description: `办理期限（条例 ${HANDLE_DAYS} 日，不含延期）。Days to decide.` }),
      warnDays: t.exposeInt('warnDays', { description: `预警提前天数（默认 ${DEFAULT_WARN_DAYS}）。Warning lead time.` }),
    }),
  });

builder.queryFields((t) => ({
  slaPolicies: t.drizzleField({
    type: [SlaPolicy],
    description:
      '适用于某单位的地方时限政策：本级及各级上级制定的（上级在前）。本单位、上级或下级的工作人员可查。' +
      ' Local policies that apply to a unit: set by it or by a unit above it, top first.',
    authScopes: { unitMember: true },
    args: {
      unitId: t.arg.globalID({ for: [Unit], required: true, description: '单位。Unit.' }),
      includeInherited: t.arg.boolean({ defaultValue: true, description: '是否包括上级单位制定的政策。Include policies of units above.' }),
      includeInactive: t.arg.boolean({ defaultValue: false, description: '是否包括已停用的政策。Include deactivated policies.' }),
    },
    resolve: async (query, _root, args, ctx) => {
      if (!(await onSameLine(ctx, args.unitId.id))) throw new ForbiddenError('只能查看本单位及上下级单位的时限政策');
      const path = await unitPathOf(ctx.db, args.unitId.id);
      const line = args.includeInherited === false ? [args.unitId.id] : unitIdsOnPath(path);
      // Rows are full sla_policies rows (objects without a `select` option load every column).
      const rows = (await ctx.db.query.slaPolicies.findMany(
        query({
          where: { unitId: { in: line }, ...(args.includeInactive ? {} : { active: true }) },
          orderBy: { milestone: 'asc', createdAt: 'asc' },
        }),
      )) as unknown as SlaPolicyRecord[];
      return rows.sort((a, b) => line.indexOf(a.unitId) - line.indexOf(b.unitId));
    },
  }),
  effectiveTimeLimits: t.field({
    type: TimeLimits,
    description:
      '某单位实际适用的转送、受理、办理时限：每一环节取最近一级有效政策，并与条例取严。' +
      ' The limits in force for a unit: per milestone the nearest active policy, capped by the statute.',
    authScopes: { unitMember: true },
    args: {
      unitId: t.arg.globalID({ for: [Unit], required: true, description: '单位。Unit.' }),
      firstPetition: t.arg.boolean({ defaultValue: true, description: '是否初信初访（决定“仅初信初访”政策是否适用）。First petition.' }),
    },
    resolve: async (_root, args, ctx) => {
      if (!(await onSameLine(ctx, args.unitId.id))) throw new ForbiddenError('只能查看本单位及上下级单位的时限政策');
      const policy = await policyForUnitPath(ctx.db, await unitPathOf(ctx.db, args.unitId.id), args.firstPetition ?? true);
      const stricter = (statute: number, local: number | null | undefined) => (local == null ? statute : Math.min(statute, local));
      return {
        routeDays: stricter(ROUTE_DAYS, policy?.routeDays),
        acceptDays: stricter(ACCEPT_DAYS, policy?.acceptDays),
        handleDays: stricter(HANDLE_DAYS, policy?.handleDays),
        warnDays: policy?.warnDays ?? DEFAULT_WARN_DAYS,
      };
    },
  }),
}));

const setSlaPolicySchema = z.pipe(
  z
  .object({
    unitId: z.uuid(),
    name: z.string().check(z.trim(), z.minLength(2, '名称至少 2 个字'), z.maxLength(40, '名称最多 40 个字')),
    milestone: z.enum(policyMilestones),
    days: z.int('时限应为整数'),
    warnDays: z.nullish(z.int('预警天数应为整数').check(z.minimum(0, '预警天数不能为负'))),
    firstPetitionOnly: z.nullish(z.boolean()),
  })
  .check(z.superRefine((input, issues) => {
    const statute = statutoryMilestoneDays[input.milestone];
    if (input.days < 0 || input.days > statute) {
      issues.addIssue({
        code: 'custom',
        path: ['days'],
        message: `地方政策只能比条例更严：该环节时限应在 0–${statute} 日之间（0 表示当日办理）`,
      });
    }
    if (input.warnDays != null && input.warnDays > input.days) {
      issues.addIssue({ code: 'custom', path: ['warnDays'], message: '预警天数不能超过时限天数' });
    }
  })),
  z.transform((input) => ({
    ...input,
    warnDays: input.warnDays ?? Math.min(DEFAULT_WARN_DAYS, input.days),
    firstPetitionOnly: input.firstPetitionOnly ?? false,
  })),
);

const SetSlaPolicyInput = builder.inputType('SetSlaPolicyInput', {
  description: '设定单位某环节的地方时限政策（同一单位、环节、适用范围只有一条有效政策，已有则修改）。A unit’s local limit for a milestone.',
  fields: (t) => ({
    unitId: t.globalID({ for: [Unit], required: true, description: '单位（须在管理员本单位子树内）。Unit, within your subtree.' }),
    name: t.string({ required: true, description: '政策名称，例如 兴国县初信初访“3天见面、7天反馈、21天办结”。Name.' }),
    milestone: t.field({ type: PolicyMilestoneEnum, required: true, description: '环节。Milestone.' }),
    days: t.int({
      required: true,
      description: `时限天数：不超过条例（转送 ${ROUTE_DAYS}、受理 ${ACCEPT_DAYS}、办理 ${HANDLE_DAYS} 日），0 表示当日。Days, at most the statute; 0 = same day.`,
    }),
    warnDays: t.int({ description: `预警提前天数，不超过时限，默认 min(${DEFAULT_WARN_DAYS}, 时限)。Warning lead time.` }),
    firstPetitionOnly: t.boolean({ description: '仅适用于初信初访，默认否。Only for first petitions; default false.' }),
  }),
});

async function assertAdminOver(ctx: Context, unitId: string) {
  const path = await unitPathOf(ctx.db, unitId);
  if (!isWithinSubtree(path, ctx.unitPath!)) throw new ForbiddenError('只能为本单位及下级单位设定时限政策');
}

builder.mutationFields((t) => ({
  setSlaPolicy: t.drizzleField({
    type: SlaPolicy,
    description:
      '管理员为本单位子树内的单位设定地方时限政策（按 单位+环节+是否仅初信初访 新增或修改）。已在办事项保留转办时的政策快照，新政策适用于此后转入的事项。' +
      ' An administrator sets a local limit for a unit within their subtree (upsert by unit, milestone and firstPetitionOnly).',
    authScopes: { $all: { role: 'ADMIN', unitMember: true } },
    errors: { types: [...commonMutationErrors] },
    args: { input: t.arg({ type: SetSlaPolicyInput, required: true, description: '政策。The policy.' }) },
    resolve: async (query, _root, args, ctx) => {
      const input = parseInput(setSlaPolicySchema, { ...args.input, unitId: args.input.unitId.id });
      await assertAdminOver(ctx, input.unitId);
      const row = await upsertSlaPolicy(ctx.db, input);
      return ctx.db.query.slaPolicies.findFirst(query({ where: { id: row.id } })).then((found) => found!);
    },
  }),
  deactivateSlaPolicy: t.drizzleField({
    type: SlaPolicy,
    description: '管理员停用一条时限政策（不删除，保留备查；已停用的再次停用不变）。An administrator deactivates a policy; it is kept, never deleted.',
    authScopes: { $all: { role: 'ADMIN', unitMember: true } },
    errors: { types: [...commonMutationErrors] },
    args: { id: t.arg.globalID({ for: [SlaPolicy], required: true, description: '政策。Policy.' }) },
    resolve: async (query, _root, args, ctx) => {
      const policy: SlaPolicyRecord | undefined = await getSlaPolicy(ctx.db, args.id.id);
      if (!policy) throw new NotFoundError('sla-policy', '时限政策不存在');
      await assertAdminOver(ctx, policy.unitId);
      if (policy.active) await deactivateSlaPolicyRow(ctx.db, policy.id);
      return ctx.db.query.slaPolicies.findFirst(query({ where: { id: policy.id } })).then((found) => found!);
    },
  }),
}));
