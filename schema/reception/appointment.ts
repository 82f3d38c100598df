/** Appointments: a petitioner's booking of one slot of a reception day. */
import { findManyPlanned } from '../../db/relational-plans';
import { builder } from '../builder';
import { Case } from '../cases/case';
import { Petitioner, VIA_VISIBLE_CASE } from '../petitioners/types';
import { allowedActions } from '../../db/streams/lifecycle';
import { appointmentLifecycle } from '../../db/reception/lifecycle';
import { canSeeAppointment, staffSees } from '../../db/reception/visibility';
import { AppointmentKindEnum, AppointmentStatusEnum, dayArgs, dayWhere, receptionHistory, viewer } from './common';

export const Appointment = builder.drizzleNode('appointments', {
  name: 'Appointment',
  description: '约访：信访人在某接访日的一个时段。An appointment in one reception slot.',
  id: { column: (row) => row.id },
  select: { columns: { id: true, unitPath: true, petitionerId: true, status: true } },
  authScopes: (row, ctx) => canSeeAppointment(viewer(ctx), row),
  // Whoever may see this record may see its petitioner (masked); Petitioner checks the grant once per object.
  grantScopes: () => [VIA_VISIBLE_CASE],
  fields: (t) => ({
    kind: t.expose('kind', { type: AppointmentKindEnum, description: '约访方式。Kind.' }),
    status: t.expose('status', { type: AppointmentStatusEnum, description: '状态。Status.' }),
    date: t.expose('date', { type: 'Date', description: '日期。Date.' }),
    startsAt: t.expose('startsAt', { type: 'DateTime', description: '开始。Starts.' }),
    endsAt: t.expose('endsAt', { type: 'DateTime', description: '结束。Ends.' }),
    leaderTitle: t.string({
      description: '接访领导职务。Receiving leader’s title.',
      select: { with: { schedule: { columns: { leaderTitle: true } } } },
      resolve: (row) => row.schedule.leaderTitle,
    }),
    roomName: t.string({
      description: '接访场所。Room.',
      select: { with: { schedule: { columns: { id: true }, with: { room: { columns: { name: true } } } } } },
      resolve: (row) => row.schedule.room.name,
    }),
    address: t.string({
      description: '场所地址。Address.',
      select: { with: { schedule: { columns: { id: true }, with: { room: { columns: { address: true } } } } } },
      resolve: (row) => row.schedule.room.address,
    }),
    petitioner: t.relation('petitioner', { type: Petitioner, description: '信访人（脱敏）。The petitioner, masked.' }),
    petitionCase: t.relation('petitionCase', { type: Case, nullable: true, description: '关联的信访事项。Linked case.' }),
    matter: t.exposeString('matter', { nullable: true, description: '新事项简述。A new matter, in brief.' }),
    cancelReason: t.exposeString('cancelReason', { nullable: true, description: '取消原因。Why cancelled.' }),
    remindedAt: t.expose('remindedAt', { type: 'DateTime', nullable: true, description: '提醒事件写出时间。When the reminder event was written.' }),
    version: t.exposeInt('version', { description: '版本号。Version.' }),
    allowedActions: t.stringList({
      description: '你现在可执行的操作。Actions you may take now.',
      resolve: (row, _a, ctx) =>
        allowedActions(appointmentLifecycle, row.status, staffSees(viewer(ctx), row) ? (ctx.actor?.roles ?? []) : ctx.actor?.petitionerId === row.petitionerId ? ['PETITIONER'] : []),
    }),
    history: t.field(receptionHistory('appointments', 'AppointmentHistoryConnection', '约访历史（含提醒事件）。History, reminders included.')),
  }),
});

builder.queryField('myAppointments', (t) =>
  t.drizzleField({
    type: [Appointment],
    description: '我的约访（信访人本人），按时间排序。The caller’s own appointments.',
    authScopes: { authenticated: true },
    resolve: (query, _r, _a, ctx) =>
      ctx.actor?.petitionerId
        ? findManyPlanned(ctx.db, 'appointments', query({ where: { petitionerId: ctx.actor.petitionerId }, orderBy: { startsAt: 'asc' } }))
        : Promise.resolve([]),
  }),
);

builder.queryField('appointmentsOfDay', (t) =>
  t.drizzleField({
    type: [Appointment],
    description: '某接访日的约访（工作人员）。A reception day’s appointments (staff).',
    authScopes: { unitMember: true },
    args: dayArgs,
    resolve: (query, _r, args, ctx) => findManyPlanned(ctx.db, 'appointments', query({ where: dayWhere(ctx, args), orderBy: { startsAt: 'asc' } })),
  }),
);
