/**
 * Demo mediation data for the demo county (永川区): three halls, a dozen mediators on the district's
 * roster, and a session in every state, all written through the services (so every step is an event).
 */
import type { Actor } from '../accounts/actor';
import type { Session } from '../session';
import { addDays, dayOfWeek, toChinaDate, type IsoDate } from '../calendar/work-calendar';
import { createRoom, roomActions } from './rooms';
import { registerMediator, rosterActions } from './roster';
import { openSession, sessionActions } from './sessions';
import { referToCase } from './referral';
import type { Background, Specialty } from './vocabulary';

interface SeedContext {
  now: Date;
  unitIds: Map<string, string>;
  accounts: Map<string, Actor>;
  /** A session for `username` acting on `day` (10:00 in China, never after now). */
  contextFor(username: string, day: IsoDate): Promise<Session>;
}

const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:30', closes: '17:30' }));
const isWeekday = (day: IsoDate) => dayOfWeek(day) >= 1 && dayOfWeek(day) <= 5;
function weekdayOnOrBefore(day: IsoDate): IsoDate {
  let d = day;
  while (!isWeekday(d)) d = addDays(d, -1);
  return d;
}
function weekdayOnOrAfter(day: IsoDate): IsoDate {
  let d = day;
  while (!isWeekday(d)) d = addDays(d, 1);
  return d;
}
/** 09:00–11:00 (or from `hour`) in China on `day`. */
const slot = (day: IsoDate, hour = 9) => ({ startsAt: new Date(`${day}T${String(hour - 8).padStart(2, '0')}:00:00Z`), endsAt: new Date(`${day}T${String(hour - 6).padStart(2, '0')}:00:00Z`) });

const roster: { name: string; gender: 'MALE' | 'FEMALE'; birthYear: number; background: Background; specialties: Specialty[]; home: string; grade: 'CHIEF' | 'FIRST' | 'SECOND' | 'THIRD' }[] = [
  { name: '陈德明', gender: 'MALE', birthYear: 1956, background: 'TEACHER', specialties: ['NEIGHBOURHOOD', 'MARRIAGE_FAMILY'], home: '500118104201', grade: 'CHIEF' },
  { name: '李素芬', gender: 'FEMALE', birthYear: 1960, background: 'VILLAGE_DOCTOR', specialties: ['MARRIAGE_FAMILY', 'MEDICAL'], home: '500118104201', grade: 'FIRST' },
  { name: '王建华', gender: 'MALE', birthYear: 1952, background: 'RETIRED_CADRE', specialties: ['LAND_HOMESTEAD', 'LAND_ACQUISITION'], home: '500118104202', grade: 'CHIEF' },
  { name: '张志远', gender: 'MALE', birthYear: 1975, background: 'LAWYER', specialties: ['LABOUR_WAGES', 'CONTRACT_DEBT'], home: '500118001001', grade: 'FIRST' },
  { name: '刘桂兰', gender: 'FEMALE', birthYear: 1958, background: 'PARTY_ELDER', specialties: ['NEIGHBOURHOOD'], home: '500118104202', grade: 'SECOND' },
  { name: '赵国强', gender: 'MALE', birthYear: 1968, background: 'ENTREPRENEUR', specialties: ['LABOUR_WAGES', 'CONSUMER'], home: '500118002001', grade: 'SECOND' },
  { name: '孙秀英', gender: 'FEMALE', birthYear: 1963, background: 'FIVE_ELDERS', specialties: ['MARRIAGE_FAMILY', 'NEIGHBOURHOOD'], home: '500118001001', grade: 'SECOND' },
  { name: '周永康', gender: 'MALE', birthYear: 1955, background: 'VETERAN', specialties: ['LAND_HOMESTEAD'], home: '500118104201', grade: 'THIRD' },
  { name: '吴丽萍', gender: 'FEMALE', birthYear: 1980, background: 'VILLAGE_CADRE', specialties: ['PROPERTY_MANAGEMENT', 'NEIGHBOURHOOD'], home: '500118002001', grade: 'THIRD' },
  { name: '郑海涛', gender: 'MALE', birthYear: 1972, background: 'LAWYER', specialties: ['TRAFFIC', 'CONTRACT_DEBT'], home: '500118001001', grade: 'FIRST' },
  { name: '冯玉珍', gender: 'FEMALE', birthYear: 1959, background: 'TEACHER', specialties: ['MARRIAGE_FAMILY'], home: '500118104202', grade: 'THIRD' },
  { name: '何国华', gender: 'MALE', birthYear: 1950, background: 'RETIRED_CADRE', specialties: ['LAND_ACQUISITION', 'LAND_HOMESTEAD'], home: '500118002001', grade: 'FIRST' },
];

export async function seedMediation(ctx: SeedContext): Promise<void> {
  const today = toChinaDate(ctx.now);
  const termStart = addDays(today, -400);
  const start = addDays(today, -40);
  const admin = await ctx.contextFor('admin', start);

  const hall = await createRoom(admin, { unitId: ctx.unitIds.get('lsVillage1')!, kind: 'COMMUNITY_HALL', name: '观音井村乡贤评理堂', address: '来苏镇观音井村村委会二楼', divisionCode: '500118104201', capacity: 15, openingHours: weekdays });
  const centre = await createRoom(admin, { unitId: ctx.unitIds.get('yongchuan')!, kind: 'DISPUTE_CENTER', name: '永川区社会矛盾纠纷联合调处中心', address: '永川区人民大道 1 号', divisionCode: '500118', capacity: 40, openingHours: weekdays });
  const review = await createRoom(admin, { unitId: ctx.unitIds.get('zhongshan')!, kind: 'PETITION_REVIEW_ROOM', name: '中山路街道信访评理室', address: '中山路街道办事处一楼', divisionCode: '500118001', capacity: 12, openingHours: weekdays });
  const closedHall = await createRoom(admin, { unitId: ctx.unitIds.get('lsVillage2')!, kind: 'COMMUNITY_HALL', name: '龙井口村乡贤评理堂', address: '来苏镇龙井口村文化室', divisionCode: '500118104202', capacity: 10, openingHours: weekdays });
  await roomActions.closeRoom(admin, { roomId: closedHall.id, expectedVersion: closedHall.version, from: start, until: addDays(today, 20), reason: '文化室改造，暂停使用' });

  const ids: string[] = [];
  for (const [n, m] of roster.entries()) {
    const row = await registerMediator(admin, {
      unitId: ctx.unitIds.get('yongchuan')!,
      rosterKey: `YC-${String(n + 1).padStart(3, '0')}`,
      ...m,
      languages: ['普通话', '永川话'],
      homeDivisionCode: m.home,
      mobile: `1390238${String(1000 + n).padStart(4, '0')}`,
      termStartsOn: termStart,
    });
    let version = row.version;
    const room = m.home.startsWith('5001181042') ? hall : m.home.startsWith('500118001') ? review : centre;
    version = (await rosterActions.affiliate(admin, { mediatorId: row.id, expectedVersion: version, roomId: room.id })).version;
    version = (await rosterActions.setAvailability(admin, { mediatorId: row.id, expectedVersion: version, windows: weekdays })).version;
    version = (await rosterActions.recordTraining(admin, { mediatorId: row.id, expectedVersion: version, topic: '人民调解法与调解技巧', hours: 16, trainedOn: addDays(start, -30) })).version;
    if (n === 0) await rosterActions.linkAccount(admin, { mediatorId: row.id, expectedVersion: version, accountId: ctx.accounts.get('mediator')!.accountId });
    if (n === 7) await rosterActions.suspend(admin, { mediatorId: row.id, expectedVersion: version, reason: '群众反映调解中态度生硬，待核查' });
    if (n === 11) await rosterActions.remove(admin, { mediatorId: row.id, expectedVersion: version, cause: 'RESIGNED', note: '因身体原因本人申请辞任' });
    ids.push(row.id);
  }

  // A session in every state, at 来苏镇, walked step by step on past working days.
  const staff = (day: IsoDate) => ctx.contextFor('laisu-staff', day);
  const disputes: { title: string; summary: string; specialty: Specialty; place: string }[] = [
    { title: '邻里排水沟纠纷', summary: '两户因屋后排水沟改道，雨天积水倒灌，多次争吵。', specialty: 'NEIGHBOURHOOD', place: '500118104201' },
    { title: '宅基地界址纠纷', summary: '新建房屋院墙越过原界址约半米，邻户要求拆除。', specialty: 'LAND_HOMESTEAD', place: '500118104202' },
    { title: '赡养老人纠纷', summary: '三兄妹对母亲赡养费分担与轮流照料安排意见不一。', specialty: 'MARRIAGE_FAMILY', place: '500118104201' },
    { title: '务工工资纠纷', summary: '村民在本村养殖场务工半年，场主以亏损为由拖欠工资。', specialty: 'LABOUR_WAGES', place: '500118104202' },
  ];
  const people = [['刘大有', '刘二有'], ['黄明', '邓强'], ['陈一', '陈二'], ['杨光', '罗军'], ['谢芳', '韩梅'], ['曹平', '许亮'], ['彭涛', '潘红'], ['袁伟', '蒋丽'], ['蔡勇', '余静']];
  let k = 0;
  const open = async (day: IsoDate) => {
    const d = disputes[k % disputes.length];
    const [a, b] = people[k % people.length];
    k += 1;
    return openSession(await staff(day), {
      unitId: ctx.unitIds.get('laisu')!,
      kind: 'MEDIATION',
      title: d.title,
      summary: d.summary,
      place: '来苏镇',
      placeCode: d.place,
      specialty: d.specialty,
      parties: [
        { role: 'APPLICANT', name: a, mobile: `1380238${String(2000 + k).padStart(4, '0')}` },
        { role: 'RESPONDENT', name: b },
      ],
    });
  };
  type Row = { id: string; version: number };
  const next = (r: Row) => ({ sessionId: r.id, expectedVersion: r.version });
  /** Opened, assigned to `lead` the same day, accepted the next working day. */
  const acceptedOn = async (day: IsoDate, lead: string) => {
    const opened = await open(day);
    const assigned = await sessionActions.assignMediator(await staff(day), { ...next(opened), mediatorId: lead });
    const acceptDay = weekdayOnOrAfter(addDays(day, 1));
    return { row: await sessionActions.acceptAssignment(await staff(acceptDay), next(assigned)), acceptDay };
  };

  await open(today); // PENDING_MEDIATOR
  const pending = await open(today);
  await sessionActions.assignMediator(await staff(today), { ...next(pending), mediatorId: ids[4] }); // PENDING_ACCEPTANCE
  await acceptedOn(weekdayOnOrBefore(addDays(today, -3)), ids[2]); // ACCEPTED
  // SCHEDULED: the demo mediator 陈德明 (YC-001) leads, next week at the hall: on his calendar.
  const s1 = await acceptedOn(weekdayOnOrBefore(addDays(today, -3)), ids[0]);
  await sessionActions.schedule(await staff(s1.acceptDay), { ...next(s1.row), roomId: hall.id, ...slot(weekdayOnOrAfter(addDays(today, 5))) });
  // POSTPONED
  const s2 = await acceptedOn(weekdayOnOrBefore(addDays(today, -4)), ids[1]);
  const sch2 = await sessionActions.schedule(await staff(s2.acceptDay), { ...next(s2.row), roomId: hall.id, ...slot(weekdayOnOrAfter(addDays(today, 6)), 14) });
  await sessionActions.postpone(await staff(s2.acceptDay), { ...next(sch2), reason: '被申请人外出务工，暂无法到场' });
  // IN_PROGRESS: held this morning (or on the last weekday) at the district centre, a 评理 panel? keep one mediator.
  const heldDay = weekdayOnOrBefore(addDays(today, -1));
  const s3 = await acceptedOn(weekdayOnOrBefore(addDays(heldDay, -7)), ids[3]);
  const sch3 = await sessionActions.schedule(await staff(s3.acceptDay), { ...next(s3.row), roomId: centre.id, ...slot(heldDay) });
  await sessionActions.start(await staff(heldDay), next(sch3));
  // AGREEMENT: signed by both, effective, followed up; the demo mediator led it.
  const agreeDay = weekdayOnOrBefore(addDays(today, -20));
  const s4 = await acceptedOn(weekdayOnOrBefore(addDays(agreeDay, -7)), ids[0]);
  const sch4 = await sessionActions.schedule(await staff(s4.acceptDay), { ...next(s4.row), roomId: hall.id, ...slot(agreeDay) });
  const started4 = await sessionActions.start(await staff(agreeDay), next(sch4));
  let done = await sessionActions.recordAgreement(await staff(agreeDay), { ...next(started4), dispute: '排水沟改道引起积水', terms: '申请人出资恢复原排水沟走向，被申请人协助施工', performanceMethod: '双方共同施工，村委会监督', performanceDueOn: addDays(agreeDay, 10) });
  const parties = await (await staff(agreeDay)).db.query.mediationParties.findMany({ where: { sessionId: done.id }, orderBy: { position: 'asc' } });
  for (const p of parties) done = await sessionActions.signAgreement(await staff(agreeDay), { ...next(done), partyId: p.id });
  await sessionActions.recordPerformance(await staff(addDays(agreeDay, 12)), { ...next(done), method: 'VISIT', state: 'FULFILLED', notes: '上门回访，排水沟已恢复，双方满意', satisfaction: 'SATISFIED' });
  // NO_AGREEMENT
  const failDay = weekdayOnOrBefore(addDays(today, -12));
  const s5 = await acceptedOn(weekdayOnOrBefore(addDays(failDay, -7)), ids[2]);
  const sch5 = await sessionActions.schedule(await staff(s5.acceptDay), { ...next(s5.row), roomId: hall.id, ...slot(failDay, 14) });
  const started5 = await sessionActions.start(await staff(failDay), next(sch5));
  const failed = await sessionActions.recordNoAgreement(await staff(failDay), { ...next(started5), reason: 'PARTY_REFUSED', note: '被申请人坚持不拆除院墙，拒绝继续调解' });
  // 调解不成转信访事项 the next working day: the session and the case link both ways.
  await referToCase(await staff(weekdayOnOrAfter(addDays(failDay, 1))), { ...next(failed), note: '调解不成，转镇信访办依法处理' });
  // CANCELLED
  const cancelled = await open(weekdayOnOrBefore(addDays(today, -2)));
  await sessionActions.cancel(await staff(weekdayOnOrBefore(addDays(today, -2))), { ...next(cancelled), reason: '双方已自行和解，申请撤回' });
}
