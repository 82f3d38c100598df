/**
 * The leaders' figures (挂图作战 / 台账): `caseStats(unitId, from, to)`. Definitions follow DOMAIN.md
 * ("Figures leaders are judged by"); each field's description states numerator and denominator.
 * Everything is computed in one SQL statement (./service.ts).
 */
import { builder } from '../builder';
import { ForbiddenError, InputError } from '../../db/errors';
import { Unit } from '../units/types';
import { getUnit, isWithinSubtree, unitPathOf } from '../../db/units/service';
import { CaseKind, Channel } from '../cases/enums';
import { viewerOf } from '../../db/cases/service';
import { chinaToday } from '../../db/calendar/work-calendar';
import { computeCaseStats, type CaseFigures, type Ratio, type StatsUnit } from '../../db/stats/service';
import type { units } from '../../db/schema';

type UnitRow = typeof units.$inferSelect;

const PERIOD =
  '统计口径：收件日期（received_on）在 [from, to] 内（含首尾）的事项（合并入他件的重复登记件不计），按其当前状态统计。' +
  ' Cohort: cases received in [from, to], both included (duplicates merged into another case excluded), as they stand now.';

const Rate = builder.objectRef<Ratio>('Rate').implement({
  description: '比率：分子 ÷ 分母；分母为 0 时 rate 为 null。A ratio: numerator ÷ denominator; rate is null when the denominator is 0.',
  fields: (t) => ({
    numerator: t.exposeInt('numerator', { description: '分子。Numerator.' }),
    denominator: t.exposeInt('denominator', { description: '分母。Denominator.' }),
    rate: t.float({
      nullable: true,
      description: '比率（0–1，未取整）；分母为 0 时为 null。The ratio, 0–1, unrounded; null when the denominator is 0.',
      resolve: (r) => (r.denominator === 0 ? null : r.numerator / r.denominator),
    }),
  }),
});

const ChannelCount = builder.objectRef<{ channel: CaseFigures['byChannel'][number]['channel']; count: number }>('ChannelCount').implement({
  description: '某渠道的收件数。Cases received on one channel.',
  fields: (t) => ({
    channel: t.expose('channel', { type: Channel, description: '渠道。Channel.' }),
    count: t.exposeInt('count', { description: '件数。Count.' }),
  }),
});

const KindCount = builder.objectRef<{ kind: CaseFigures['byKind'][number]['kind']; count: number }>('KindCount').implement({
  description: '某类别的收件数。Cases received of one kind.',
  fields: (t) => ({
    kind: t.expose('kind', { type: CaseKind, description: '类别。Kind.' }),
    count: t.exposeInt('count', { description: '件数。Count.' }),
  }),
});

interface FigureSet {
  figures: CaseFigures;
}

const CaseFigureSet = builder.interfaceRef<FigureSet>('CaseFigureSet').implement({
  description:
    '一组信访工作指标（《信访工作条例》考核口径）。' +
    PERIOD +
    ' 存量指标（当前超期、积案）不受期间限制。调用者无权查看的事项（如针对调用者本单位或其上级单位的检举控告）一律不计，与事项查询的可见范围一致。' +
    ' A set of figures. Stock figures (overdue now, open backlog) are not limited to the period. Cases the caller may not read' +
    ' (accusations against the caller’s unit or a unit above it) are excluded from every figure.',
  fields: (t) => ({
    received: t.int({
      description: `收件数。${PERIOD} Cases received in the period.`,
      resolve: (s) => s.figures.received,
    }),
    receivedByChannel: t.field({
      type: [ChannelCount],
      description: '按渠道的收件数（每个渠道一项，含 0）。Received, by channel (every channel, zeros included).',
      resolve: (s) => s.figures.byChannel,
    }),
    receivedByKind: t.field({
      type: [KindCount],
      description: '按类别的收件数（每个类别一项，含 0）。Received, by kind (every kind, zeros included).',
      resolve: (s) => s.figures.byKind,
    }),
    onTimeAcceptance: t.field({
      type: Rate,
      description:
        '及时受理率 = 期限内受理或不予受理的件数 ÷ 已受理或不予受理的件数。期限：已转送交办的自转送日起算受理期限（条例 15 日），' +
        '未转送由登记单位直接受理或不予受理的自收件日起算转送期限（条例 15 日）；有地方政策快照（事项 sla_policy）的取严；末日遇休息日按工作日历顺延。' +
        ' On-time acceptance = accepted or declined within the limit ÷ accepted or declined. The limit runs from routing (15 days)' +
        ' or, when the receiving unit decided itself, from receipt (15 days); a stricter local policy applies; a last day on a rest day moves to the next working day.',
      resolve: (s) => s.figures.onTimeAcceptance,
    }),
    onTimeCompletion: t.field({
      type: Rate,
      description:
        '按期办结率 = 在办理期限内出具处理意见的件数 ÷ 已受理并出具处理意见的件数。期限：受理日起 60 日（地方政策取严）+ 批准的延期天数 + 听证中止天数，末日遇休息日顺延。' +
        ' On-time completion = decided by the due date ÷ accepted and decided; due = acceptance + 60 days (or a stricter policy)' +
        ' + approved extension + hearing pause, moved off rest days.',
      resolve: (s) => s.figures.onTimeCompletion,
    }),
    resolution: t.field({
      type: Rate,
      description:
        '化解率 = 其中已化解（事心双解，resolved）的件数 ÷ 出具处理意见后已办结（CLOSED）或终结（CONCLUDED）的件数（不予受理后归档的不计）。' +
        ' Resolution rate = resolved ÷ closed or concluded after a decision (cases archived after a decline are left out).',
      resolve: (s) => s.figures.resolution,
    }),
    satisfaction: t.field({
      type: Rate,
      description:
        '群众满意率 =（满意 + 基本满意）的件数 ÷ 信访人已评价的件数。Satisfaction = (satisfied + basically satisfied) ÷ evaluated.',
      resolve: (s) => s.figures.satisfaction,
    }),
    firstTimeResolution: t.field({
      type: Rate,
      description:
        '一次性化解率 = 已化解、未申请复查或复核、且本身不是重复信访（repeatOf 为空）的办结件数 ÷ 出具处理意见后办结（CLOSED）的件数。' +
        ' First-time resolution = closed cases resolved with no review or re-review request and not themselves a repeat petition ÷ cases closed after a decision.',
      resolve: (s) => s.figures.firstTimeResolution,
    }),
    repeat: t.field({
      type: Rate,
      description: '重复信访率 = 重复信访件数（repeatOf 不为空）÷ 收件数。Repeat rate = repeat petitions ÷ received.',
      resolve: (s) => s.figures.repeat,
    }),
    onlineShare: t.field({
      type: Rate,
      description: '网上信访占比 = 网上渠道（ONLINE）收件数 ÷ 收件数。Online share = received online ÷ received.',
      resolve: (s) => s.figures.onlineShare,
    }),
    averageDaysToDecision: t.float({
      nullable: true,
      description:
        '平均办理天数 = Σ(出具处理意见日期 − 受理日期) ÷ 已受理并出具处理意见的件数（日历日，含延期与听证，保留两位小数）；无此类事项时为 null。分母同按期办结率。' +
        ' Average calendar days from acceptance to decision over accepted and decided cases (same denominator as on-time completion), two decimals; null when none.',
      resolve: (s) =>
        s.figures.decisionDays.count === 0 ? null : Math.round((s.figures.decisionDays.total / s.figures.decisionDays.count) * 100) / 100,
    }),
    provisionalJudgements: t.int({
      description:
        '暂定判定件数：及时受理、按期办结的判定用到了尚未录入国务院节假日安排的年份（仅按法定节日推算）的件数；大于 0 时两项比率为暂定，安排录入后可能变动。' +
        ' Cases whose on-time acceptance or completion was judged on a year without an official holiday schedule; when above 0 those two rates are provisional.',
      resolve: (s) => s.figures.provisionalJudgements,
    }),
    provisional: t.boolean({
      description: '及时受理率、按期办结率是否为暂定（provisionalJudgements > 0）。Whether the on-time rates are provisional.',
      resolve: (s) => s.figures.provisionalJudgements > 0,
    }),
    overdueNow: t.int({
      description:
        '当前超期件数（存量，不限收件期间）：仍有单位期限在计时且最近到期日早于今天（asOf）的事项。听证中止中的不计。' +
        ' Overdue now (stock, any receipt date): cases whose earliest running unit deadline is before today (asOf); cases paused for a hearing are not.',
      resolve: (s) => s.figures.overdueNow,
    }),
    backlogOpen: t.int({
      description: '未化解积案数（存量，不限收件期间）：列为信访积案且尚未销号（清零）的事项。Open backlog cases, any receipt date: flagged and not yet cleared.',
      resolve: (s) => s.figures.backlogOpen,
    }),
    backlogCleared: t.int({
      description: '期间内销号（清零）的积案数：销号日期在 [from, to] 内，不限收件日期。Backlog cases cleared in [from, to], any receipt date.',
      resolve: (s) => s.figures.backlogCleared,
    }),
  }),
});

interface UnitFigures extends FigureSet {
  unit: () => Promise<UnitRow | StatsUnit>;
}

const UnitCaseFigures = builder.objectRef<UnitFigures>('UnitCaseFigures').implement({
  description: '某单位（含其全部下级）的指标。The figures of one unit and its subtree.',
  interfaces: [CaseFigureSet],
  fields: (t) => ({
    unit: t.field({ type: Unit, description: '单位。Unit.', resolve: (s) => s.unit() as Promise<UnitRow> }),
  }),
});

interface Stats extends FigureSet {
  unit: () => Promise<UnitRow>;
  from: string;
  to: string;
  asOf: string;
  ownUnit: FigureSet;
  byUnit: UnitFigures[];
}

const CaseStats = builder.objectRef<Stats>('CaseStats').implement({
  description:
    '某单位及其全部下级的信访工作指标，按当前责任单位归属。' +
    PERIOD +
    ' The figures of a unit’s whole subtree, each case counted for the unit now responsible for it.',
  interfaces: [CaseFigureSet],
  fields: (t) => ({
    unit: t.field({ type: Unit, description: '统计的单位。The unit.', resolve: (s) => s.unit() }),
    from: t.field({ type: 'Date', description: '期间起（含）。Period start, included.', resolve: (s) => s.from }),
    to: t.field({ type: 'Date', description: '期间止（含）。Period end, included.', resolve: (s) => s.to }),
    asOf: t.field({ type: 'Date', description: '存量指标的统计日（今天）。The day the stock figures are taken (today).', resolve: (s) => s.asOf }),
    ownUnit: t.field({
      type: UnitCaseFigures,
      description: '本级：当前责任单位就是该单位本身的事项（不含下级）；总数 = 本级 + 各直属下级。Cases of the unit itself; total = own + every child.',
      resolve: (s) => ({ ...s.ownUnit, unit: s.unit }),
    }),
    byUnit: t.field({
      type: [UnitCaseFigures],
      description: '各直属下级单位（含其全部下级）的同口径指标，按区划代码排序。The same figures for each direct child unit and its subtree, by division code.',
      resolve: (s) => s.byUnit,
    }),
  }),
});

const STAT_ROLES = ['STAFF', 'LEADER', 'SUPERVISOR', 'ADMIN'] as const;

builder.queryFields((t) => ({
  caseStats: t.field({
    type: CaseStats,
    description:
      '信访工作指标（挂图作战）：某单位及其全部下级、按直属下级分列。仅本单位或其上级单位的工作人员、领导、督查、管理员可查；调用者无权查看的事项（如针对本单位的检举控告）不计入。' +
      PERIOD +
      ' The leaders’ figures for a unit’s subtree, split by direct child. Only staff of the unit or a unit above it may ask.',
    authScopes: { $all: { role: [...STAT_ROLES], unitMember: true } },
    args: {
      unitId: t.arg.globalID({ for: [Unit], required: true, description: '单位。Unit.' }),
      from: t.arg({ type: 'Date', required: true, description: '收件日期起（含）。Received on or after.' }),
      to: t.arg({ type: 'Date', required: true, description: '收件日期止（含）。Received on or before.' }),
    },
    resolve: async (_root, args, ctx) => {
      if (args.from > args.to) throw InputError.forField('to', '统计期间的结束日期不能早于开始日期');
      const unitId = args.unitId.id;
      const unitPath = await unitPathOf(ctx.db, unitId);
      if (!isWithinSubtree(unitPath, ctx.unitPath!)) throw new ForbiddenError('只能查看本单位及下级单位的统计');
      const stats = await computeCaseStats(ctx.db, {
        unitId,
        unitPath,
        from: args.from,
        to: args.to,
        today: chinaToday(ctx.now()),
        viewer: viewerOf(ctx),
      });
      let unitRow: Promise<UnitRow> | undefined;
      const unit = () => (unitRow ??= getUnit(ctx.db, unitId));
      return {
        unit,
        from: stats.from,
        to: stats.to,
        asOf: stats.asOf,
        figures: stats.total,
        ownUnit: { figures: stats.ownUnit },
        byUnit: stats.byUnit.map((child) => ({ figures: child.figures, unit: async () => child.unit })),
      };
    },
  }),
}));
