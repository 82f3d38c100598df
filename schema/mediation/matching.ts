import { inArray } from 'drizzle-orm';
import { builder } from '../builder';
import { ForbiddenError } from '../../db/errors';
import { mediationRooms, mediators } from '../../db/schema';
import { recommendMediators } from '../../db/mediation/matching-service';
import { mediationFigures, type MediationFigures } from '../../db/mediation/stats';
import { isMediationStaff } from '../../db/mediation/visibility';
import { unitPathOf } from '../../db/units/service';
import { sessionFor, viewerFor } from './common';
import { Mediator } from './mediators';
import { MediationRoom } from './rooms';

type MediatorRow = typeof mediators.$inferSelect;

const ReasonKind = builder.enumType('MatchReasonKind', {
  description: '推荐理由的类别。Kind of ranking reason.',
  values: {
    SPECIALTY: { description: '专长是否对口。Specialty match.' },
    DISTANCE: { description: '在单位树中的距离（同村、同乡镇、同区县）。Distance in the unit tree.' },
    LOAD: { description: '当前工作量（在办与未来 14 天）。Current load.' },
    AGREEMENT_RATE: { description: '以往调解成功率。Past agreement rate.' },
    SATISFACTION: { description: '以往满意率。Past satisfaction.' },
    AVAILABILITY: { description: '该时段可约。Available at that time.' },
  },
});
const ExclusionKind = builder.enumType('MatchExclusionKind', {
  description: '不予推荐的原因。Why a mediator is excluded.',
  values: {
    NOT_ACTIVE: { description: '非在聘状态（候选、暂停或已解聘）。Not active.' },
    OUT_OF_TERM: { description: '不在聘期内。Out of term.' },
    RECUSAL: { description: '应当回避。Must step aside.' },
    UNAVAILABLE: { description: '该时段不可约。Not available then.' },
    BOOKED: { description: '该时段已有其他安排。Already booked then.' },
  },
});

const Reason = builder.objectRef<{ kind: 'SPECIALTY' | 'DISTANCE' | 'LOAD' | 'AGREEMENT_RATE' | 'SATISFACTION' | 'AVAILABILITY'; points: number; message: string }>('MatchReason').implement({
  description: '一条推荐理由及其分值。One reason and its points.',
  fields: (t) => ({
    kind: t.expose('kind', { type: ReasonKind, description: '类别。Kind.' }),
    points: t.exposeFloat('points', { description: '分值（可为负）。Points, may be negative.' }),
    message: t.exposeString('message', { description: '中文说明。Why, in Chinese.' }),
  }),
});

const Recommended = builder.objectRef<{ rank: number; score: number; reasons: (typeof Reason.$inferType)[]; mediator: MediatorRow }>('RecommendedMediator').implement({
  description: '推荐的调解员。A recommended mediator.',
  fields: (t) => ({
    rank: t.exposeInt('rank', { description: '名次，从 1 起。Rank.' }),
    score: t.exposeFloat('score', { description: '总分 = 各理由分值之和。Score, the sum of the reasons.' }),
    reasons: t.field({ type: [Reason], description: '理由。Reasons.', resolve: (r) => r.reasons }),
    mediator: t.field({ type: Mediator, description: '调解员。Mediator.', resolve: (r) => r.mediator }),
  }),
});

const Excluded = builder.objectRef<{ kind: 'NOT_ACTIVE' | 'OUT_OF_TERM' | 'RECUSAL' | 'UNAVAILABLE' | 'BOOKED'; message: string; mediator: MediatorRow }>('ExcludedMediator').implement({
  description: '未被推荐的调解员及原因。A mediator left out, and why.',
  fields: (t) => ({
    kind: t.expose('kind', { type: ExclusionKind, description: '原因类别。Why.' }),
    message: t.exposeString('message', { description: '中文说明。Why, in Chinese.' }),
    mediator: t.field({ type: Mediator, description: '调解员。Mediator.', resolve: (r) => r.mediator }),
  }),
});

const Recommendation = builder.objectRef<{ ranked: typeof Recommended.$inferType[]; excluded: typeof Excluded.$inferType[] }>('MediatorRecommendation').implement({
  description: '先按硬性条件排除，再按理由打分排序；同分时未来 14 天场次少者、编号小者在前。Hard filters first, then the explained ranking; deterministic.',
  fields: (t) => ({
    ranked: t.field({ type: [Recommended], description: '推荐，按名次。Ranked.', resolve: (r) => r.ranked }),
    excluded: t.field({ type: [Excluded], description: '被排除者及原因。Excluded, with why.', resolve: (r) => r.excluded }),
  }),
});

builder.queryField('recommendMediators', (t) =>
  t.field({
    type: Recommendation,
    description: '为一次调解（针对信访事项或矛盾纠纷）推荐调解员；给出时段时同时检查可约与已有安排。Recommend mediators for a session, optionally at a time.',
    authScopes: { role: ['STAFF', 'LEADER', 'ADMIN', 'SUPERVISOR'] },
    args: {
      sessionId: t.arg.globalID({ required: true, description: '调解。Session.' }),
      startsAt: t.arg({ type: 'DateTime', description: '拟定开始时间。Proposed start.' }),
      endsAt: t.arg({ type: 'DateTime', description: '拟定结束时间。Proposed end.' }),
    },
    resolve: async (_root, args, ctx) => {
      const result = await recommendMediators(await sessionFor(ctx), { sessionId: args.sessionId.id, startsAt: args.startsAt, endsAt: args.endsAt });
      return {
        ranked: result.ranked.map((r) => ({ ...r, mediator: result.mediators.get(r.mediatorId)! })),
        excluded: result.excluded.map((e) => ({ ...e, mediator: result.mediators.get(e.mediatorId)! })),
      };
    },
  }),
);

const Figures = builder.objectRef<MediationFigures>('MediationFigures').implement({
  description: '调解工作量与成效。Mediation figures.',
  fields: (t) => ({
    held: t.exposeInt('held', { description: '期内开始进行的场次。Sessions held in the period.' }),
    concluded: t.exposeInt('concluded', { description: '期内终结（达成或未达成协议）。Concluded in the period.' }),
    agreements: t.exposeInt('agreements', { description: '期内达成协议。Ending in agreement.' }),
    agreementRate: t.float({ nullable: true, description: '调解成功率：达成协议 ÷ 终结。Agreement rate.', resolve: (f) => (f.concluded ? f.agreements / f.concluded : null) }),
    averageDaysToAgreement: t.float({ nullable: true, description: '从受理调解到达成协议的平均天数。Average days from opening to agreement.', resolve: (f) => (f.agreements ? f.agreementDays / f.agreements : null) }),
    followedUp: t.exposeInt('followedUp', { description: '已履行回访的协议。Agreements followed up.' }),
    performanceRate: t.float({ nullable: true, description: '履行率：最近一次回访为已履行 ÷ 已回访。Performance rate.', resolve: (f) => (f.followedUp ? f.performed / f.followedUp : null) }),
    satisfactionRate: t.float({ nullable: true, description: '满意率：（满意＋基本满意）÷ 已评价。Satisfaction rate.', resolve: (f) => (f.evaluated ? f.satisfied / f.evaluated : null) }),
  }),
});

const RoomFigures = builder.objectRef<{ room: typeof mediationRooms.$inferSelect; figures: MediationFigures }>('RoomMediationFigures').implement({
  description: '一个场所的调解数据。Figures of one room.',
  fields: (t) => ({
    room: t.field({ type: MediationRoom, description: '场所。Room.', resolve: (r) => r.room }),
    figures: t.field({ type: Figures, description: '数据。Figures.', resolve: (r) => r.figures }),
  }),
});
const MediatorFigureRow = builder.objectRef<{ mediator: MediatorRow; figures: MediationFigures }>('MediatorMediationFigures').implement({
  description: '一名调解员的调解数据。Figures of one mediator.',
  fields: (t) => ({
    mediator: t.field({ type: Mediator, description: '调解员。Mediator.', resolve: (r) => r.mediator }),
    figures: t.field({ type: Figures, description: '数据。Figures.', resolve: (r) => r.figures }),
  }),
});

const Stats = builder.objectRef<{ total: MediationFigures; byRoom: typeof RoomFigures.$inferType[]; byMediator: typeof MediatorFigureRow.$inferType[] }>('MediationStats').implement({
  description: '单位及下级的调解数据（SQL 汇总）。Mediation figures of a unit subtree, computed in SQL.',
  fields: (t) => ({
    total: t.field({ type: Figures, description: '合计。Total.', resolve: (s) => s.total }),
    byRoom: t.field({ type: [RoomFigures], description: '按场所。Per room.', resolve: (s) => s.byRoom }),
    byMediator: t.field({ type: [MediatorFigureRow], description: '按调解员。Per mediator.', resolve: (s) => s.byMediator }),
  }),
});

builder.queryField('mediationStats', (t) =>
  t.field({
    type: Stats,
    description: '调解数据：期内场次、成功率、平均调结天数、履行率、满意率；按场所与调解员细分。Mediation figures over a period.',
    authScopes: { role: ['STAFF', 'LEADER', 'ADMIN', 'SUPERVISOR'] },
    args: {
      unitId: t.arg.globalID({ required: true, description: '单位（含下级）。Unit subtree.' }),
      from: t.arg({ type: 'Date', required: true, description: '起始日（含）。From, inclusive.' }),
      to: t.arg({ type: 'Date', required: true, description: '截止日（含）。To, inclusive.' }),
    },
    resolve: async (_root, args, ctx) => {
      const viewer = await viewerFor(ctx);
      const path = await unitPathOf(ctx.db, args.unitId.id);
      if (!isMediationStaff(viewer) || !path.startsWith(viewer.unitPath!)) throw new ForbiddenError('只能查看本单位及下级单位的调解数据');
      const figures = await mediationFigures(ctx.db, path, args.from, args.to);
      const roomIds = figures.byRoom.map((r) => r.key);
      const mediatorIds = figures.byMediator.map((r) => r.key);
      const [rooms, people] = await Promise.all([
        roomIds.length ? ctx.db.select().from(mediationRooms).where(inArray(mediationRooms.id, roomIds)) : [],
        mediatorIds.length ? ctx.db.select().from(mediators).where(inArray(mediators.id, mediatorIds)) : [],
      ]);
      return {
        total: figures.total,
        byRoom: figures.byRoom.map((r) => ({ room: rooms.find((x) => x.id === r.key)!, figures: r })),
        byMediator: figures.byMediator.map((r) => ({ mediator: people.find((x) => x.id === r.key)!, figures: r })),
      };
    },
  }),
);
