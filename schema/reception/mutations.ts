import { builder } from '../builder';
import { CaseKind } from '../cases/enums';
import { publishSchedule, scheduleActions } from '../../db/reception/schedules';
import { appointmentActions, bookAppointment } from '../../db/reception/appointments';
import { joinQueue } from '../../db/reception/queue';
import { receptionActions } from '../../db/reception/receptions';
import { planVisit, visitActions } from '../../db/reception/visits';
import { Appointment, Reception, ReceptionSchedule, Visit } from './types';
import { AppointmentKindEnum, ReceptionOutcomeEnum, RecurrenceEnum, VisitKindEnum, receptionMutation, versioned } from './common';
import { SessionKindEnum, SpecialtyEnum } from '../mediation/common';
import { PartyInput } from '../mediation/sessions';

/** A payload holding one row of a reception stream, re-read with the caller's selection. */
function payloadOf(name: string, field: string, type: any, table: 'receptionSchedules' | 'appointments' | 'receptions' | 'visits', description: string) {
  return builder.objectRef<{ id: string }>(name).implement({
    description,
    fields: (t) => ({
      [field]: t.drizzleField({
        type,
        description,
        resolve: async (query: any, payload: { id: string }, _a: unknown, ctx: any) => (await (ctx.db.query[table] as any).findFirst(query({ where: { id: payload.id } })))!,
      } as never),
    }),
  });
}

const SchedulePayload = payloadOf('ReceptionSchedulePayload', 'schedule', ReceptionSchedule, 'receptionSchedules', '操作后的接访日安排。The schedule after the change.');
const AppointmentPayload = payloadOf('AppointmentPayload', 'appointment', Appointment, 'appointments', '操作后的约访。The appointment after the change.');
const ReceptionPayload = payloadOf('ReceptionPayload', 'reception', Reception, 'receptions', '操作后的接访记录。The reception after the change.');
const VisitPayload = payloadOf('VisitPayload', 'visit', Visit, 'visits', '操作后的走访。The visit after the change.');

receptionMutation(
  'publishReceptionSchedule',
  '公布领导接访日（固定周期或单次；休息日默认不接访） Publish a leader’s reception schedule.',
  (t) => ({
    unitId: t.globalID({ required: true, description: '单位。Unit.' }),
    leaderId: t.globalID({ required: true, description: '接访领导账号（须有 LEADER 角色）。The leader’s account.' }),
    leaderTitle: t.string({ required: true, description: '公布的职务，如“区长”。Announced title.' }),
    roomId: t.globalID({ required: true, description: '接访场所。Room.' }),
    recurrence: t.field({ type: RecurrenceEnum, required: true, description: '重复方式。Recurrence.' }),
    weekday: t.int({ description: '每周接访的星期（1 为周一）。ISO weekday for WEEKLY.' }),
    monthDay: t.int({ description: '每月接访的日期（1–28）。Day of month for MONTHLY.' }),
    startsOn: t.field({ type: 'Date', required: true, description: '起始日（单次即该日）。First day (the date for ONE_OFF).' }),
    endsOn: t.field({ type: 'Date', description: '截止日（含），空为长期。Last day.' }),
    startTime: t.string({ required: true, description: '开始 HH:MM。Starts.' }),
    endTime: t.string({ required: true, description: '结束 HH:MM。Ends.' }),
    slotMinutes: t.int({ description: '每个预约时段分钟数，默认 30。Slot length, default 30.' }),
    topics: t.stringList({ required: true, description: '接访事项范围。Topics covered.' }),
    onRestDays: t.boolean({ description: '休息日也接访（默认否）。Receive on rest days too.' }),
  }),
  SchedulePayload,
  (session, input) => publishSchedule(session, input),
);

receptionMutation(
  'cancelReceptionDate',
  '取消某一接访日（领导外出等） Call off one reception date.',
  (t) => ({ ...versioned('scheduleId', '接访日安排。Schedule.')(t), date: t.field({ type: 'Date', required: true, description: '日期。Date.' }), reason: t.string({ required: true, description: '原因。Reason.' }) }),
  SchedulePayload,
  (session, input) => scheduleActions.cancelReceptionDate(session, input),
);

receptionMutation(
  'endReceptionSchedule',
  '停止接访日安排 End a reception schedule.',
  (t) => ({ ...versioned('scheduleId', '接访日安排。Schedule.')(t), reason: t.string({ required: true, description: '原因。Reason.' }) }),
  SchedulePayload,
  (session, input) => scheduleActions.endReceptionSchedule(session, input),
);

receptionMutation(
  'bookAppointment',
  '预约领导接访时段（信访人网上预约，或工作人员代约、约请） Book a reception slot.',
  (t) => ({
    scheduleId: t.globalID({ required: true, description: '接访日安排。Schedule.' }),
    date: t.field({ type: 'Date', required: true, description: '日期。Date.' }),
    start: t.string({ required: true, description: '时段开始 HH:MM。Slot start.' }),
    kind: t.field({ type: AppointmentKindEnum, description: '方式（工作人员填写）。Kind (staff).' }),
    petitionerId: t.globalID({ description: '信访人（工作人员代约时）。The petitioner (staff booking).' }),
    caseId: t.globalID({ description: '关联的信访事项。Linked case.' }),
    matter: t.string({ description: '新事项简述（无事项时必填）。A new matter, in brief.' }),
  }),
  AppointmentPayload,
  (session, input) => bookAppointment(session, input),
);

receptionMutation('checkInAppointment', '登记约访到场（排入当日队列） Record that the person came; they join the queue.', (t) => versioned('appointmentId', '约访。Appointment.')(t), AppointmentPayload, (session, input) =>
  appointmentActions.checkInAppointment(session, input),
);
receptionMutation(
  'cancelAppointment',
  '取消约访（释放时段） Cancel an appointment; the slot is freed.',
  (t) => ({ ...versioned('appointmentId', '约访。Appointment.')(t), reason: t.string({ required: true, description: '原因。Reason.' }) }),
  AppointmentPayload,
  (session, input) => appointmentActions.cancelAppointment(session, input),
);
receptionMutation('markAppointmentNoShow', '登记约访未到场 Record a no-show.', (t) => versioned('appointmentId', '约访。Appointment.')(t), AppointmentPayload, (session, input) =>
  appointmentActions.markAppointmentNoShow(session, input),
);

const PersonInput = builder.inputType('ReceptionVisitorInput', {
  description: '现场来访人（新登记）。A walk-in not yet on record.',
  fields: (t) => ({
    name: t.string({ required: true, description: '姓名。Name.' }),
    identityNumber: t.string({ description: '居民身份证号。Identity number.' }),
    mobile: t.string({ description: '手机号。Mobile.' }),
    address: t.string({ description: '地址。Address.' }),
  }),
});

receptionMutation(
  'joinReceptionQueue',
  '现场来访排队（按到达顺序取号） A walk-in joins today’s queue.',
  (t) => ({
    scheduleId: t.globalID({ required: true, description: '接访日安排。Schedule.' }),
    petitionerId: t.globalID({ description: '已登记的信访人。A known petitioner.' }),
    person: t.field({ type: PersonInput, description: '或新来访人。Or a new person.' }),
    caseId: t.globalID({ description: '所涉信访事项。The case it concerns.' }),
  }),
  ReceptionPayload,
  (session, input) => joinQueue(session, input),
);

const DeskInput = builder.inputType('ReceptionDeskInput', {
  description: '三亮：窗口工作人员亮明的工号、姓名、职务。What the desk staff showed.',
  fields: (t) => ({
    badgeNumber: t.string({ required: true, description: '工号。Badge number.' }),
    name: t.string({ required: true, description: '姓名。Name.' }),
    title: t.string({ required: true, description: '职务。Title.' }),
  }),
});
const QuestionsInput = builder.inputType('FiveQuestionsInput', {
  description: '五必问。The five questions.',
  fields: (t) => ({
    facts: t.string({ required: true, description: '事实经过。Facts.' }),
    claim: t.string({ required: true, description: '诉求及依据。Claim and grounds.' }),
    difficulties: t.string({ description: '实际困难。Difficulties.' }),
    petitionHistory: t.string({ description: '信访经过。Petition history.' }),
    priorHandling: t.string({ description: '以往处理情况。Prior handling.' }),
  }),
});
const ReferralInput = builder.inputType('ReceptionReferralInput', {
  description: '转人民调解时的受理信息（纠纷概要取自五必问，来访人为申请人）。What referral to mediation needs beyond the five questions.',
  fields: (t) => ({
    kind: t.field({ type: SessionKindEnum, description: '调解或评理，默认调解。Mediation (default) or a review talk.' }),
    specialty: t.field({ type: SpecialtyEnum, required: true, description: '纠纷类别。Kind of dispute.' }),
    title: t.string({ required: true, description: '标题。Title.' }),
    placeCode: t.string({ required: true, description: '纠纷发生地区划代码。Where the dispute arose.' }),
    otherParties: t.field({ type: [PartyInput], description: '对方当事人等（来访人本人自动作为申请人）。The other parties; the person received is the applicant.' }),
  }),
});
const RegistrationInput = builder.inputType('ReceptionRegistrationInput', {
  description: '登记为信访事项时的补充信息（内容取自五必问）。What registration needs beyond the five questions.',
  fields: (t) => ({
    kind: t.field({ type: CaseKind, required: true, description: '事项类别。Kind.' }),
    category: t.string({ required: true, description: '业务类别。Category.' }),
    title: t.string({ required: true, description: '标题。Title.' }),
    placeCode: t.string({ required: true, description: '问题发生地区划代码。Place.' }),
  }),
});

receptionMutation(
  'recordReception',
  '记录一次接访及其处理结果（当场解决、登记事项、并入事项或转调解），一步完成 Record a reception and its outcome in one step.',
  (t) => ({
    ...versioned('receptionId', '接访记录。Reception.')(t),
    leaderId: t.globalID({ description: '实际接访领导（默认安排中的领导）。Who received, if another leader stood in.' }),
    desk: t.field({ type: DeskInput, required: true, description: '三亮。Desk staff.' }),
    questions: t.field({ type: QuestionsInput, required: true, description: '五必问。Five questions.' }),
    outcome: t.field({ type: ReceptionOutcomeEnum, required: true, description: '处理结果。Outcome.' }),
    note: t.string({ description: '当场答复内容或转调解说明。Answer or referral note.' }),
    caseId: t.globalID({ description: '并入的信访事项。Case to attach to.' }),
    registration: t.field({ type: RegistrationInput, description: '登记信息（登记为事项时）。Registration details.' }),
    referral: t.field({ type: ReferralInput, description: '转调解信息（转人民调解时）。Referral details.' }),
  }),
  ReceptionPayload,
  (session, input) => receptionActions.recordReception(session, input),
);
receptionMutation(
  'recordReceptionLeft',
  '登记来访人未接谈即离开 Record that the visitor left before being received.',
  (t) => ({ ...versioned('receptionId', '接访记录。Reception.')(t), note: t.string({ description: '说明。Note.' }) }),
  ReceptionPayload,
  (session, input) => receptionActions.recordReceptionLeft(session, input),
);

receptionMutation(
  'planVisit',
  '安排登门走访或带案下访 Plan a home visit or a visit with cases.',
  (t) => ({
    kind: t.field({ type: VisitKindEnum, required: true, description: '类别。Kind.' }),
    unitId: t.globalID({ required: true, description: '单位。Unit.' }),
    leaderId: t.globalID({ required: true, description: '带队领导账号。Leader.' }),
    plannedOn: t.field({ type: 'Date', required: true, description: '计划日期。Planned for.' }),
    placeCode: t.string({ required: true, description: '地点区划代码。Division code.' }),
    place: t.string({ required: true, description: '地点。Place.' }),
    purpose: t.string({ required: true, description: '目的。Purpose.' }),
    petitionerId: t.globalID({ description: '走访对象。Person visited.' }),
    caseIds: t.globalIDList({ description: '带去的信访事项。Cases taken along.' }),
  }),
  VisitPayload,
  (session, input) => planVisit(session, { ...input, caseIds: (input.caseIds ?? []).map((c: { id: string }) => c.id) }),
);

const VisitResultInput = builder.inputType('VisitCaseResultInput', {
  description: '走访中一件信访事项的结果。One case’s result.',
  fields: (t) => ({
    caseId: t.globalID({ required: true, description: '信访事项。Case.' }),
    result: t.string({ required: true, description: '结果。Result.' }),
  }),
});

receptionMutation(
  'carryOutVisit',
  '记录走访完成及每件事项的结果（结果也写入各事项历史） Record a visit carried out, with each case’s result.',
  (t) => ({
    ...versioned('visitId', '走访。Visit.')(t),
    carriedOutOn: t.field({ type: 'Date', description: '走访日期，默认今天。Date.' }),
    summary: t.string({ required: true, description: '走访情况。Summary.' }),
    results: t.field({ type: [VisitResultInput], required: true, description: '各事项结果。Results per case.' }),
  }),
  VisitPayload,
  (session, input) => visitActions.carryOutVisit(session, { ...input, results: input.results.map((r: { caseId: { id: string }; result: string }) => ({ caseId: r.caseId.id, result: r.result })) }),
);
receptionMutation(
  'cancelVisit',
  '取消走访 Cancel a visit.',
  (t) => ({ ...versioned('visitId', '走访。Visit.')(t), reason: t.string({ required: true, description: '原因。Reason.' }) }),
  VisitPayload,
  (session, input) => visitActions.cancelVisit(session, input),
);
