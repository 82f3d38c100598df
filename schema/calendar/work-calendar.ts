/** The work calendar (statutory holidays and adjusted working days), as kept by administrators through the API. */
import { calendarDayKinds } from '../../db/schema';
import { builder } from '../builder';
import { commonMutationErrors } from '../errors';
import { calendarYearRange, checkYear, dueDateOf, removeCalendarDay, setCalendarDay, setOfficialSchedule } from '../../db/calendar/administration';
import { listCalendarDays, listCalendarYears, loadWorkCalendar, type CalendarDayRecord, type OfficialYearRecord } from '../../db/calendar/service';
import { chinaToday } from '../../db/calendar/work-calendar';

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
      const { from, to } = calendarYearRange(chinaToday(ctx.now()), args.from, args.to);
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
    resolve: async (_root, args, ctx) => dueDateOf(await loadWorkCalendar(ctx.db), args),
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
    resolve: (_root, args, ctx) => setCalendarDay(ctx, args),
  }),
  setOfficialSchedule: t.field({
    type: CalendarYear,
    description:
      '最上级单位管理员录入国务院办公厅公布的某年节假日安排：替换该年的推算数据并标记为官方安排，此后该年的期限不再是暂定。' +
      ' A top-unit administrator enters a year’s State Council schedule; it replaces the derived days and the year’s deadlines stop being provisional.',
    authScopes: { $all: { role: 'ADMIN', unitMember: true } },
    errors: { types: [...commonMutationErrors] },
    args: { input: t.arg({ type: OfficialScheduleInput, required: true, description: '官方安排。The schedule.' }) },
    resolve: (_root, args, ctx) => setOfficialSchedule(ctx, args.input),
  }),
  removeCalendarDay: t.field({
    type: CalendarDay,
    description: '最上级单位管理员删除一天（日历是参考数据，可删除），返回被删除的记录。A top-unit administrator removes the entry for a date.',
    authScopes: { $all: { role: 'ADMIN', unitMember: true } },
    errors: { types: [...commonMutationErrors] },
    args: { date: t.arg({ type: 'Date', required: true, description: '日期。Date.' }) },
    resolve: (_root, args, ctx) => removeCalendarDay(ctx, args.date),
  }),
}));
