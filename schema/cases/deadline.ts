import type { CaseClock } from '../../db/cases/clocks';
import { builder } from '../builder';
import { ClockKindEnum, ClockStateEnum } from './enums';

export const Deadline = builder.objectRef<CaseClock>('Deadline').implement({
  description:
    '一个时限：自起算事件次日起按自然日计算，末日为法定节假日或周末的顺延至下一个工作日（调休上班日视为工作日）。A clock, counted in calendar days from the day after its start.',
  fields: (t) => ({
    kind: t.expose('kind', { type: ClockKindEnum, description: '时限种类。Which clock.' }),
    owner: t.exposeString('owner', { description: 'UNIT（单位义务）或 PETITIONER（信访人权利期限）。Whose clock.' }),
    startedOn: t.expose('startedOn', { type: 'Date', description: '起算事件日期。Start event date.' }),
    days: t.exposeInt('days', { description: '适用天数（取法定与本地政策中较严者，含延期）。Days applied.' }),
    dueOn: t.expose('dueOn', { type: 'Date', description: '到期日。Due date.' }),
    pausedDays: t.exposeInt('pausedDays', { description: '听证暂停的天数。Days paused for hearings.' }),
    completedOn: t.expose('completedOn', { type: 'Date', nullable: true, description: '完成日期。Completed on.' }),
    met: t.exposeBoolean('met', { nullable: true, description: '是否按期完成。Met in time.' }),
    state: t.expose('state', { type: ClockStateEnum, description: '状态（进行中、预警、超期、按期、逾期、失效）。State.' }),
    provisional: t.exposeBoolean('provisional', {
      description:
        '暂定：到期日所在年份的国务院节假日安排尚未录入，仅按法定节日推算，公布后可能变动。' +
        ' Provisional: the due date falls in a year whose official holiday schedule is not entered yet (statutory days by rule only).',
    }),
  }),
});
