/** The units' local SLA policies (only stricter than the statute), as kept by administrators through the API. */
import { policyMilestones } from '../../db/schema';
import { builder } from '../builder';
import { commonMutationErrors } from '../errors';
import { Unit } from '../units/types';
import { getUnit } from '../../db/units/service';
import { ACCEPT_DAYS, HANDLE_DAYS, ROUTE_DAYS } from '../../db/cases/statutory-limits';
import { DEFAULT_WARN_DAYS } from '../../db/calendar/work-calendar';
import type { SlaPolicyRecord } from '../../db/calendar/service';
import { deactivateSlaPolicy, effectiveTimeLimits, onSameLine, policyLineOf, setSlaPolicy, type TimeLimits as TimeLimitsShape } from '../../db/calendar/sla-policies';

export const PolicyMilestoneEnum = builder.enumType('PolicyMilestone', {
  description: '地方时限政策可缩短的环节。The milestone a local policy shortens.',
  values: {
    ROUTE: { description: `转送交办（登记后，法定 ${ROUTE_DAYS} 日）。Route after registration; statute ${ROUTE_DAYS} days.` },
    ACCEPT: { description: `受理告知（收到后，法定 ${ACCEPT_DAYS} 日）。Accept or decline; statute ${ACCEPT_DAYS} days.` },
    HANDLE: { description: `办理（受理后，法定 ${HANDLE_DAYS} 日，不含延期）。Handle after acceptance; statute ${HANDLE_DAYS} days.` },
  } satisfies Record<(typeof policyMilestones)[number], { description: string }>,
});

export const SlaPolicy = builder.drizzleNode('slaPolicies', {
  name: 'SlaPolicy',
  description:
    '单位的地方时限政策（如兴国县初信初访“3天见面、7天反馈、21天办结”，舞钢市“一日工作法”）：只能比条例更严，适用于本单位及下级；' +
    '同一环节取本级及各级上级有效政策中最严者，并与条例取严（下级不能放宽上级的时限）。 A unit’s stricter local time limit; it applies to the unit’s subtree, and per milestone the strictest policy on the line applies.',
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
  .objectRef<TimeLimitsShape>('TimeLimits')
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
      const line = await policyLineOf(ctx, args.unitId.id, args.includeInherited !== false);
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
      '某单位实际适用的转送、受理、办理时限：每一环节取本级及各级上级有效政策中最严者，并与条例取严。' +
      ' The limits in force for a unit: per milestone the strictest active policy of the unit and the units above it, capped by the statute.',
    authScopes: { unitMember: true },
    args: {
      unitId: t.arg.globalID({ for: [Unit], required: true, description: '单位。Unit.' }),
      firstPetition: t.arg.boolean({ defaultValue: true, description: '是否初信初访（决定“仅初信初访”政策是否适用）。First petition.' }),
    },
    resolve: (_root, args, ctx) => effectiveTimeLimits(ctx, args.unitId.id, args.firstPetition ?? true),
  }),
}));

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
      const row = await setSlaPolicy(ctx, { ...args.input, unitId: args.input.unitId.id });
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
      const policy = await deactivateSlaPolicy(ctx, args.id.id);
      return ctx.db.query.slaPolicies.findFirst(query({ where: { id: policy.id } })).then((found) => found!);
    },
  }),
}));
