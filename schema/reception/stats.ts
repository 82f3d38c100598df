/** The reception figures of a unit subtree for a period. */
import { builder } from '../builder';
import { receptionFiguresFor } from '../../db/reception/queries';
import type { LeaderFigures, ReceptionFigures, UnitFigures } from '../../db/reception/stats';

const figureFields = (t: PothosSchemaTypes.ObjectFieldBuilder<PothosSchemaTypes.ExtendDefaultTypes<any>, ReceptionFigures>) => ({
  receptionsHeld: t.exposeInt('receptionsHeld', { description: '接访人次（已接谈）。Receptions held.' }),
  peopleReceived: t.exposeInt('peopleReceived', { description: '接待人数（同一人只计一次）。Distinct people received.' }),
  resolvedOnSpot: t.exposeInt('resolvedOnSpot', { description: '当场解决。Resolved on the spot.' }),
  casesRegistered: t.exposeInt('casesRegistered', { description: '登记为信访事项。Cases registered.' }),
  attachedToCases: t.exposeInt('attachedToCases', { description: '并入已有事项。Attached to existing cases.' }),
  referredToMediation: t.exposeInt('referredToMediation', { description: '转调解。Referred to mediation.' }),
  appointmentsBooked: t.exposeInt('appointmentsBooked', { description: '约访总数。Appointments in the period.' }),
  appointmentsKept: t.exposeInt('appointmentsKept', { description: '按约到场。Appointments kept.' }),
  noShows: t.exposeInt('noShows', { description: '未到场。No-shows.' }),
  visitsMade: t.exposeInt('visitsMade', { description: '完成走访。Visits carried out.' }),
});

const ReceptionFiguresRef = builder.objectRef<ReceptionFigures>('ReceptionFigures').implement({
  description: '接访工作量与成效。Reception figures.',
  fields: (t) => figureFields(t as never),
});
const LeaderFiguresRef = builder.objectRef<LeaderFigures>('LeaderReceptionFigures').implement({
  description: '某位领导的接访数字。One leader’s figures.',
  fields: (t) => ({
    leaderId: t.exposeString('leaderId', { description: '领导账号（数据库 ID）。Leader account id.' }),
    leaderName: t.exposeString('leaderName', { description: '领导姓名。Leader’s name.' }),
    ...figureFields(t as never),
  }),
});
const UnitFiguresRef = builder.objectRef<UnitFigures>('UnitReceptionFigures').implement({
  description: '某个单位自身的接访数字（接访日或走访所属单位，不向上级汇总）。One unit’s own figures (not rolled up).',
  fields: (t) => ({
    unitId: t.exposeString('unitId', { description: '单位（数据库 ID）。Unit id.' }),
    unitName: t.exposeString('unitName', { description: '单位名称。Unit name.' }),
    ...figureFields(t as never),
  }),
});
const FiguresResult = builder.objectRef<{ total: ReceptionFigures; byLeader: LeaderFigures[]; byUnit: UnitFigures[] }>('ReceptionStats').implement({
  description: '单位（含下级）在某期间的接访数字。A unit subtree’s reception figures for a period.',
  fields: (t) => ({
    total: t.field({ type: ReceptionFiguresRef, description: '合计。Total.', resolve: (r) => r.total }),
    byLeader: t.field({ type: [LeaderFiguresRef], description: '按领导。Per leader.', resolve: (r) => r.byLeader }),
    byUnit: t.field({ type: [UnitFiguresRef], description: '按单位（各单位自身）。Per unit, each unit’s own.', resolve: (r) => r.byUnit }),
  }),
});

builder.queryField('receptionStats', (t) =>
  t.field({
    type: FiguresResult,
    description: '接访数字：按领导与单位的接访人次、接待人数、当场解决、登记事项、约访到场与未到、走访。Reception figures (one SQL statement).',
    authScopes: { unitMember: true },
    args: {
      unitId: t.arg.globalID({ required: true, description: '单位（含下级）。Unit subtree.' }),
      from: t.arg({ type: 'Date', required: true, description: '起。From.' }),
      to: t.arg({ type: 'Date', required: true, description: '止（含）。Until, inclusive.' }),
    },
    resolve: (_r, args, ctx) => receptionFiguresFor(ctx, args.unitId.id, args.from, args.to),
  }),
);

