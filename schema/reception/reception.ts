/** Receptions: one person received (or waiting) on a reception day, with the desk staff and the five questions. */
import { findManyPlanned } from '../../db/relational-plans';
import { builder } from '../builder';
import { Case } from '../cases/case';
import { MediationSessionRef } from '../mediation/sessions';
import { Petitioner, VIA_VISIBLE_CASE } from '../petitioners/types';
import { allowedActions } from '../../db/streams/lifecycle';
import { receptionLifecycle } from '../../db/reception/lifecycle';
import { unitReads } from '../../db/reception/visibility';
import { registeringReception } from '../../db/reception/queries';
import type { Context } from '../context';
import { Appointment } from './appointment';
import { dayArgs, dayWhere, receptionHistory, ReceptionOutcomeEnum, ReceptionStatusEnum, rolesOn, viewer } from './common';

const DeskStaff = builder.objectRef<{ badgeNumber: string; name: string; title: string }>('ReceptionDeskStaff').implement({
  description: '接待窗口工作人员亮明的身份（三亮：亮工号、亮姓名、亮职务）。Who sat at the desk, as shown to the visitor.',
  fields: (t) => ({
    badgeNumber: t.exposeString('badgeNumber', { description: '工号。Badge number.' }),
    name: t.exposeString('name', { description: '姓名。Name.' }),
    title: t.exposeString('title', { description: '职务。Title.' }),
  }),
});

const FiveQuestions = builder.objectRef<{ facts: string; claim: string; difficulties: string | null; petitionHistory: string | null; priorHandling: string | null }>('FiveQuestions').implement({
  description: '五必问：事实、诉求及依据、实际困难、信访经过、以往处理情况。The five questions every reception asks.',
  fields: (t) => ({
    facts: t.exposeString('facts', { description: '事实经过。The facts.' }),
    claim: t.exposeString('claim', { description: '诉求及依据。The claim and its grounds.' }),
    difficulties: t.exposeString('difficulties', { nullable: true, description: '实际困难。Real difficulties.' }),
    petitionHistory: t.exposeString('petitionHistory', { nullable: true, description: '信访经过。Petition history.' }),
    priorHandling: t.exposeString('priorHandling', { nullable: true, description: '以往处理情况。How it was handled before.' }),
  }),
});

export const Reception = builder.drizzleNode('receptions', {
  name: 'Reception',
  description: '一次接访：谁接待了谁、窗口人员（三亮）、五必问与处理结果。One person received (or waiting).',
  id: { column: (row) => row.id },
  select: { columns: { id: true, unitPath: true, status: true } },
  authScopes: (row, ctx) => unitReads(viewer(ctx), row),
  // Whoever may see this record may see its petitioner (masked); Petitioner checks the grant once per object.
  grantScopes: () => [VIA_VISIBLE_CASE],
  fields: (t) => ({
    status: t.expose('status', { type: ReceptionStatusEnum, description: '状态。Status.' }),
    date: t.expose('date', { type: 'Date', description: '接访日。Date.' }),
    queueNumber: t.exposeInt('queueNumber', { description: '当日排队号（按到达顺序）。Queue number, in arrival order.' }),
    walkIn: t.boolean({ description: '是否现场来访（未预约）。A walk-in.', select: { columns: { appointmentId: true } }, resolve: (row) => row.appointmentId === null }),
    appointment: t.relation('appointment', { type: Appointment, nullable: true, description: '对应的约访。The appointment.' }),
    petitioner: t.relation('petitioner', { type: Petitioner, description: '来访人（脱敏）。The visitor, masked.' }),
    leader: t.relation('leader', { description: '接访领导。Who received.' }),
    deskStaff: t.field({
      type: DeskStaff,
      nullable: true,
      description: '窗口工作人员（三亮）。Desk staff as shown.',
      select: { columns: { deskBadgeNumber: true, deskStaffName: true, deskStaffTitle: true } },
      resolve: (row) => (row.deskBadgeNumber ? { badgeNumber: row.deskBadgeNumber, name: row.deskStaffName!, title: row.deskStaffTitle! } : null),
    }),
    deskAccount: t.relation('deskStaff', { nullable: true, description: '窗口工作人员账号。Desk staff account.' }),
    questions: t.field({
      type: FiveQuestions,
      nullable: true,
      description: '五必问。The five questions.',
      select: { columns: { facts: true, claim: true, difficulties: true, petitionHistory: true, priorHandling: true } },
      resolve: (row) => (row.facts ? { facts: row.facts, claim: row.claim!, difficulties: row.difficulties, petitionHistory: row.petitionHistory, priorHandling: row.priorHandling } : null),
    }),
    outcome: t.expose('outcome', { type: ReceptionOutcomeEnum, nullable: true, description: '处理结果。Outcome.' }),
    outcomeNote: t.exposeString('outcomeNote', { nullable: true, description: '答复或转调解说明。Answer or referral note.' }),
    petitionCase: t.relation('petitionCase', { type: Case, nullable: true, description: '登记或并入的信访事项。Case registered or attached.' }),
    mediationSession: t.relation('mediationSession', { type: MediationSessionRef, nullable: true, description: '转调解时受理的调解场次。The mediation session opened on referral.' }),
    heldAt: t.expose('heldAt', { type: 'DateTime', nullable: true, description: '接谈时间。When received.' }),
    version: t.exposeInt('version', { description: '版本号。Version.' }),
    allowedActions: t.stringList({ description: '你现在可执行的操作。Actions you may take now.', resolve: (row, _a, ctx) => allowedActions(receptionLifecycle, row.status, rolesOn(ctx, row)) }),
    history: t.field(receptionHistory('receptions', 'ReceptionHistoryConnection', '接访历史。History.')),
  }),
});

builder.objectField(Case, 'originReception', (t) =>
  t.field({
    type: Reception,
    nullable: true,
    description: '该事项由哪次接访登记（走访渠道），仅工作人员可见。The reception this case was registered from (staff only).',
    select: { columns: { id: true } },
    resolve: (row: { id: string }, _a: unknown, ctx: Context) => registeringReception(ctx, row.id),
  } as never),
);

builder.queryField('receptionQueue', (t) =>
  t.drizzleField({
    type: [Reception],
    description: '某接访日的排队与接访记录，按到达顺序。A reception day’s queue, in arrival order.',
    authScopes: { unitMember: true },
    args: dayArgs,
    resolve: (query, _r, args, ctx) => findManyPlanned(ctx.db, 'receptions', query({ where: dayWhere(ctx, args), orderBy: { queueNumber: 'asc' } })),
  }),
);
