/** Visits: a home visit or a leader's visit with cases. */
import { builder } from '../builder';
import { Unit } from '../units/types';
import { Case } from '../cases/case';
import { Petitioner, VIA_VISIBLE_CASE } from '../petitioners/types';
import { allowedActions } from '../../db/streams/lifecycle';
import { visitLifecycle } from '../../db/reception/lifecycle';
import { unitReads } from '../../db/reception/visibility';
import { staffSubtreeOf, visitsWithin } from '../../db/reception/queries';
import { receptionHistory, rolesOn, viewer, VisitKindEnum, VisitStatusEnum } from './common';

const VisitCase = builder.drizzleObject('visitCases', {
  name: 'VisitCase',
  description: '走访带去的一件信访事项及其结果。One case a visit took along, and its result.',
  fields: (t) => ({
    petitionCase: t.relation('petitionCase', { type: Case, description: '信访事项。The case.' }),
    result: t.exposeString('result', { nullable: true, description: '本次走访对该事项的结果。Result for this case.' }),
  }),
});

export const Visit = builder.drizzleNode('visits', {
  name: 'Visit',
  description: '登门走访或带案下访。A home visit or a leader’s visit with cases.',
  id: { column: (row) => row.id },
  select: { columns: { id: true, unitPath: true, status: true } },
  authScopes: (row, ctx) => unitReads(viewer(ctx), row),
  // Whoever may see this record may see its petitioner (masked); Petitioner checks the grant once per object.
  grantScopes: () => [VIA_VISIBLE_CASE],
  fields: (t) => ({
    kind: t.expose('kind', { type: VisitKindEnum, description: '类别。Kind.' }),
    status: t.expose('status', { type: VisitStatusEnum, description: '状态。Status.' }),
    unit: t.relation('unit', { type: Unit, description: '单位。Unit.' }),
    leader: t.relation('leader', { description: '带队领导。Leading official.' }),
    plannedOn: t.expose('plannedOn', { type: 'Date', description: '计划日期。Planned for.' }),
    placeCode: t.exposeString('placeCode', { description: '地点区划代码。Division code.' }),
    place: t.exposeString('place', { description: '地点。Place.' }),
    purpose: t.exposeString('purpose', { description: '目的。Purpose.' }),
    petitioner: t.relation('petitioner', { type: Petitioner, nullable: true, description: '走访对象（脱敏）。Person visited, masked.' }),
    cases: t.relation('cases', { type: VisitCase, description: '带去的信访事项。Cases taken along.', query: { orderBy: { position: 'asc' } } }),
    carriedOutOn: t.expose('carriedOutOn', { type: 'Date', nullable: true, description: '实际走访日期。Carried out on.' }),
    summary: t.exposeString('summary', { nullable: true, description: '走访情况。Summary.' }),
    version: t.exposeInt('version', { description: '版本号。Version.' }),
    allowedActions: t.stringList({ description: '你现在可执行的操作。Actions you may take now.', resolve: (row, _a, ctx) => allowedActions(visitLifecycle, row.status, rolesOn(ctx, row)) }),
    history: t.field(receptionHistory('visits', 'VisitHistoryConnection', '走访历史。History.')),
  }),
});

builder.queryField('visits', (t) =>
  t.drizzleField({
    type: [Visit],
    description: '本单位及下级的走访（按计划日期，最多 100 条）。Visits of your subtree.',
    authScopes: { unitMember: true },
    args: { from: t.arg({ type: 'Date', description: '计划日期起。From.' }), to: t.arg({ type: 'Date', description: '计划日期止。Planned until, inclusive.' }) },
    resolve: (query, _r, args, ctx) => {
      const path = staffSubtreeOf(ctx);
      return ctx.db.query.visits.findMany(
        query({
          where: { RAW: visitsWithin(path, args.from, args.to) },
          orderBy: { plannedOn: 'asc', id: 'asc' },
          limit: 100,
        }),
      );
    },
  }),
);
