import { builder } from '../builder';
import { InputError } from '../../db/errors';
import { commonMutationErrors } from '../errors';
import { runDeadlineSweep, type SweepReport } from '../../db/cases/sweep';

const SuggestionSweepRef = builder.objectRef<SweepReport['suggestions']>('SuggestionSweepReport').implement({
  description: '建议答复时限的巡检结果。What the sweep did to suggestions’ feedback clocks.',
  fields: (t) => ({
    examined: t.exposeInt('examined', { description: '检查的到期建议数。Due suggestions read.' }),
    warnings: t.exposeInt('warnings', { description: '新发出的答复预警。Warnings emitted.' }),
    breaches: t.exposeInt('breaches', { description: '新发出的答复超期。Breaches emitted.' }),
  }),
});

const SweepReportRef = builder.objectRef<SweepReport>('SweepReport').implement({
  description: '时限巡检结果。What a deadline sweep did.',
  fields: (t) => ({
    today: t.expose('today', { type: 'Date', description: '巡检所依据的日期。The day swept.' }),
    casesExamined: t.exposeInt('casesExamined', { description: '检查的到期事项数（经索引）。Due cases read.' }),
    warnings: t.exposeInt('warnings', { description: '新发出的预警。Warnings emitted.' }),
    breaches: t.exposeInt('breaches', { description: '新发出的超期。Breaches emitted.' }),
    closed: t.exposeInt('closed', { description: '自动办结归档的事项。Cases closed.' }),
    supervisionsEscalated: t.exposeInt('supervisionsEscalated', { description: '逾期升级的督办单。Supervisions escalated.' }),
    appointmentReminders: t.exposeInt('appointmentReminders', { description: '写出的约访提醒事件（24 小时内开始的约访，供短信网关投递）。Appointment reminder events written.' }),
    suggestions: t.field({ type: SuggestionSweepRef, description: '人民建议答复时限。Suggestion feedback clocks.', resolve: (r) => r.suggestions }),
  }),
});

builder.mutationField('runDeadlineSweep', (t) =>
  t.field({
    type: SweepReportRef,
    description: '运维：按给定时刻执行时限巡检（幂等，重复执行不会重复预警）。Operators run the sweep for an explicit instant.',
    authScopes: { role: 'ADMIN' },
    errors: { types: [...commonMutationErrors] },
    args: { now: t.arg({ type: 'DateTime', description: '巡检时刻，默认当前，不得晚于当前。Instant; defaults to now.' }) },
    resolve: (_root, args, ctx) => {
      const now = args.now ?? ctx.now();
      if (now.getTime() > ctx.now().getTime()) throw InputError.forField('now', '巡检时刻不能晚于当前时间');
      return runDeadlineSweep(ctx.db, now);
    },
  }),
);
