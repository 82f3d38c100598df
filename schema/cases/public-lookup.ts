import { caseStatusLabels } from '../../db/cases/lifecycle';
import { lookupPublicCaseStatus, type PublicCaseStatus as PublicCaseStatusShape, type PublicTimelineStep } from '../../db/cases/public-lookup';
import { publicStepLabel } from '../../db/cases/public-timeline';
import { caseInputLimits } from '../../db/cases/text-limits';
import type { CaseStatus } from '../../db/cases/lifecycle';
import { builder } from '../builder';
import { maxLength } from '../input-limits';
import { CaseKind, CaseStatusEnum } from './enums';

const TimelineEntry = builder.objectRef<PublicTimelineStep>('PublicTimelineEntry').implement({
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

const PublicCaseStatus = builder.objectRef<PublicCaseStatusShape>('PublicCaseStatus').implement({
  description: '凭编号与查询码免登录查询的进度，不含任何个人信息。Public progress, without personal data.',
  fields: (t) => ({
    number: t.exposeString('number', { description: '信访件编号。Case number.' }),
    kind: t.expose('kind', { type: CaseKind, description: '类别。Kind.' }),
    status: t.expose('status', { type: CaseStatusEnum, description: '状态。Status.' }),
    statusLabel: t.string({ description: '状态中文名。Status in Chinese.', resolve: (s) => caseStatusLabels[s.status] }),
    receivedOn: t.expose('receivedOn', { type: 'Date', description: '收件日期。Date received.' }),
    unitName: t.exposeString('unitName', { description: '当前办理单位。Unit now handling it.' }),
    timeline: t.field({ type: [TimelineEntry], description: '进度，早的在前。Steps, oldest first.', resolve: (s) => s.timeline }),
  }),
});

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
      return lookupPublicCaseStatus(ctx.db, args.number, args.queryCode);
    },
  }),
}));
