/** What the reception type files share: enums from the vocabulary, the error type, the mutation helper. */
import type { ObjectRef } from '@pothos/core';
import { builder } from '../builder';
import { historyConnectionType, historyField } from '../events/history-connection';
import { payloadWithGlobalIds } from '../common/global-ids';
import { ForbiddenError, InputError, NotFoundError } from '../../db/errors';
import { InvalidTransitionError, VersionConflictError } from '../../db/streams/errors';
import { BookingConflictError } from '../../db/mediation/errors';
import { ReceptionRuleError } from '../../db/reception/errors';
import * as vocabulary from '../../db/reception/vocabulary';
import { receptionViewerOf, staffSees } from '../../db/reception/visibility';
import { inSubtree, staffSubtreeOf } from '../../db/reception/queries';
import { toChinaDate } from '../../db/calendar/work-calendar';
import type { Context } from '../context';
import type { Role } from '../../db/accounts/actor';
import { mediationMutation, type InputFields } from '../mediation/common';

/** A GraphQL enum whose values and descriptions ("中文。English.") come from one vocabulary record. */
function enumOf<L extends Record<string, string>>(name: string, description: string, labels: L) {
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(Object.entries(labels).map(([value, label]) => [value, { description: label }])) as { [K in keyof L & string]: { description: string } },
  });
}

export const RecurrenceEnum = enumOf('ReceptionRecurrence', '接访日的重复方式。How a reception schedule repeats.', vocabulary.recurrenceLabels);
export const ScheduleStatusEnum = enumOf('ReceptionScheduleStatus', '接访日安排状态。Schedule status.', vocabulary.scheduleStatusLabels);
export const AppointmentKindEnum = enumOf('AppointmentKind', '约访方式。How the appointment came about.', vocabulary.appointmentKindLabels);
export const AppointmentStatusEnum = enumOf('AppointmentStatus', '约访状态。Appointment status.', vocabulary.appointmentStatusLabels);
export const ReceptionStatusEnum = enumOf('ReceptionStatus', '接访状态。Reception status.', vocabulary.receptionStatusLabels);
export const ReceptionOutcomeEnum = enumOf('ReceptionOutcome', '接访处理结果。What came of a reception.', vocabulary.receptionOutcomeLabels);
export const VisitKindEnum = enumOf('VisitKind', '走访类别。Kind of visit.', vocabulary.visitKindLabels);
export const VisitStatusEnum = enumOf('VisitStatus', '走访状态。Visit status.', vocabulary.visitStatusLabels);

export const receptionErrors = [ForbiddenError, NotFoundError, InputError, InvalidTransitionError, VersionConflictError, ReceptionRuleError, BookingConflictError];

/** One reception mutation: `<Name>Input`, the service call, the payload or a typed refusal. */
export function receptionMutation<P extends object>(name: string, description: string, fields: InputFields, payload: ObjectRef<any, P>, run: (session: any, input: any) => Promise<P>) {
  mediationMutation(name, description, fields, payload, run, receptionErrors);
}

export const versioned = (idField: string, description: string) => (t: PothosSchemaTypes.InputFieldBuilder<any, 'InputObject'>) => ({
  [idField]: t.globalID({ required: true, description }),
  expectedVersion: t.int({ required: true, description: '读取时的 version。Version you read.' }),
  occurredAt: t.field({ type: 'DateTime', description: '发生时间（补录线下办理），默认现在。When it happened; defaults to now.' }),
});

export const ReceptionEvent = builder.drizzleObject('events', {
  variant: 'ReceptionStreamEvent',
  description: '接访日、约访、接访或走访历史中的一条记录。One entry of a reception-domain history.',
  select: { columns: { id: true } },
  fields: (t) => ({
    sequence: t.exposeInt('sequence', { description: '序号，从 1 起连续。Gap-free sequence.' }),
    type: t.exposeString('type', { description: '事件类型，例如 appointment.booked。Event type.' }),
    fromStatus: t.exposeString('fromStatus', { nullable: true, description: '变更前状态。Status before.' }),
    toStatus: t.exposeString('toStatus', { nullable: true, description: '变更后状态。Status after.' }),
    occurredAt: t.expose('occurredAt', { type: 'DateTime', description: '时间。When.' }),
    payload: t.field({
      type: 'JSON',
      description: '内容（对象以全局 ID 表示）。Details; objects named by their global ids.',
      select: { columns: { payload: true } },
      resolve: (row) => payloadWithGlobalIds((row.payload ?? {}) as Record<string, unknown>),
    }),
  }),
});

export const viewer = (ctx: Context) => receptionViewerOf(ctx);
/** The roles that count on a row the caller may act on (staff only on rows of their subtree). */
export const rolesOn = (ctx: Context, row: { unitPath: string }): readonly Role[] => (staffSees(viewer(ctx), row) ? (ctx.actor?.roles ?? []) : []);
/** A reception-domain object's history, oldest first, in its own connection type (named as before, per object). */
export const receptionHistory = (table: 'receptionSchedules' | 'appointments' | 'receptions' | 'visits', connectionName: string, description: string) =>
  historyField(table, { order: 'asc', node: ReceptionEvent, connection: historyConnectionType(connectionName, ReceptionEvent), description });

/** A reception day's list (staff of the schedule's subtree): the schedule, the date (today by default), the subtree. */
export const dayArgs = builder.args((t) => ({
  scheduleId: t.globalID({ required: true, description: '接访日安排。Schedule.' }),
  date: t.field({ type: 'Date', description: '日期，默认今天。Date; defaults to today.' }),
}));
export function dayWhere(ctx: Context, args: { scheduleId: { id: string }; date?: string | null }) {
  return { scheduleId: args.scheduleId.id, date: args.date ?? toChinaDate(ctx.now()), RAW: inSubtree(staffSubtreeOf(ctx)) };
}
