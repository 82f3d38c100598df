import { eq } from 'drizzle-orm';
import type { Database } from './client';
import { accounts, hearings, petitioners, units } from './schema';
import type { Actor, Role } from './accounts/actor';
import { createUnit } from './units/service';
import { intakeCase, intakeSchema } from './cases/intake';
import { residentIdCheckDigit } from './petitioners/identity';
import { addDays, toChinaDate } from './calendar/work-calendar';
import { caseActions } from './cases/actions';
import { runDeadlineSweep } from './cases/sweep';
import { unitPathOf } from './units/service';
import type { Session } from './session';
import { seedReceptionDemo } from './reception/demo';
import { seedMediation } from './mediation/seed';
import { seedSuggestions } from './suggestions/seed';

/** 10:00 in China on `day`, or `now` itself for today (never in the future). */
function chinaMorning(day: string, now: Date): Date {
  const morning = new Date(`${day}T02:00:00Z`);
  return morning.getTime() > now.getTime() ? now : morning;
}

export const DEMO_ROOT_CODE = '500000';

type UnitSpec = { key: string; parent: string | null; level: typeof units.$inferInsert.level; kind: typeof units.$inferInsert.kind; code: string; name: string };

/** 重庆市 → 永川区 with its offices, departments, three streets/towns and their villages. */
const unitSpecs: UnitSpec[] = [
  { key: 'chongqing', parent: null, level: 'PROVINCE', kind: 'GOVERNMENT', code: '500000', name: '重庆市' },
  { key: 'cqOffice', parent: 'chongqing', level: 'PROVINCE', kind: 'PETITION_OFFICE', code: '500000-XFB', name: '重庆市信访办公室' },
  { key: 'yongchuan', parent: 'chongqing', level: 'COUNTY', kind: 'GOVERNMENT', code: '500118', name: '重庆市永川区人民政府' },
  { key: 'ycOffice', parent: 'yongchuan', level: 'COUNTY', kind: 'PETITION_OFFICE', code: '500118-XFB', name: '永川区信访办公室' },
  { key: 'ycDiscipline', parent: 'yongchuan', level: 'COUNTY', kind: 'DISCIPLINE_INSPECTION', code: '500118-JW', name: '永川区纪委监委' },
  { key: 'ycHousing', parent: 'yongchuan', level: 'COUNTY', kind: 'DEPARTMENT', code: '500118-ZJW', name: '永川区住房城乡建设委' },
  { key: 'ycLabour', parent: 'yongchuan', level: 'COUNTY', kind: 'DEPARTMENT', code: '500118-RSJ', name: '永川区人力社保局' },
  { key: 'zhongshan', parent: 'yongchuan', level: 'TOWNSHIP', kind: 'GOVERNMENT', code: '500118001', name: '中山路街道办事处' },
  { key: 'shengli', parent: 'yongchuan', level: 'TOWNSHIP', kind: 'GOVERNMENT', code: '500118002', name: '胜利路街道办事处' },
  { key: 'laisu', parent: 'yongchuan', level: 'TOWNSHIP', kind: 'GOVERNMENT', code: '500118104', name: '来苏镇人民政府' },
  { key: 'zsVillage', parent: 'zhongshan', level: 'VILLAGE', kind: 'COMMUNITY', code: '500118001001', name: '中山路街道萱花社区' },
  { key: 'slVillage', parent: 'shengli', level: 'VILLAGE', kind: 'COMMUNITY', code: '500118002001', name: '胜利路街道兴龙湖社区' },
  { key: 'lsVillage1', parent: 'laisu', level: 'VILLAGE', kind: 'COMMUNITY', code: '500118104201', name: '来苏镇观音井村' },
  { key: 'lsVillage2', parent: 'laisu', level: 'VILLAGE', kind: 'COMMUNITY', code: '500118104202', name: '来苏镇龙井口村' },
];

export interface DemoAccount {
  username: string;
  displayName: string;
  unit: string | null;
  roles: Role[];
  petitioner?: number;
}

export const demoAccounts: DemoAccount[] = [
  { username: 'admin', displayName: '区信访办系统管理员', unit: 'yongchuan', roles: ['ADMIN'] },
  // The holiday calendar is national: only an administrator of the top unit (重庆市 here) keeps it.
  { username: 'calendar-admin', displayName: '市信访办 节假日日历管理员', unit: 'chongqing', roles: ['ADMIN'] },
  { username: 'staff', displayName: '区信访办 王登记', unit: 'ycOffice', roles: ['STAFF'] },
  { username: 'leader', displayName: '区信访办 李主任', unit: 'ycOffice', roles: ['LEADER', 'STAFF'] },
  { username: 'county-leader', displayName: '永川区 分管副区长', unit: 'yongchuan', roles: ['LEADER'] },
  { username: 'supervisor', displayName: '市信访办 督查处 张督查', unit: 'chongqing', roles: ['SUPERVISOR'] },
  { username: 'city-staff', displayName: '市信访办 复查复核处', unit: 'cqOffice', roles: ['STAFF', 'LEADER'] },
  { username: 'city-leader', displayName: '重庆市 分管副市长', unit: 'chongqing', roles: ['LEADER'] },
  { username: 'zhongshan-staff', displayName: '中山路街道 信访干部', unit: 'zhongshan', roles: ['STAFF'] },
  { username: 'shengli-staff', displayName: '胜利路街道 信访干部', unit: 'shengli', roles: ['STAFF'] },
  { username: 'laisu-staff', displayName: '来苏镇 信访干部', unit: 'laisu', roles: ['STAFF', 'LEADER'] },
  { username: 'discipline-staff', displayName: '区纪委监委 信访室', unit: 'ycDiscipline', roles: ['STAFF'] },
  { username: 'housing-staff', displayName: '区住建委 信访科', unit: 'ycHousing', roles: ['STAFF'] },
  { username: 'hotline-12345', displayName: '12345 政务服务热线', unit: 'ycOffice', roles: ['INTEGRATOR'] },
  { username: 'mediator', displayName: '观音井村 乡贤 陈老师', unit: 'lsVillage1', roles: ['MEDIATOR'] },
  { username: 'petitioner', displayName: '信访人 刘建国', unit: null, roles: ['PETITIONER'], petitioner: 0 },
  { username: 'petitioner2', displayName: '信访人 周秀英', unit: null, roles: ['PETITIONER'], petitioner: 1 },
];

const people = ['刘建国', '周秀英', '陈志强', '杨丽', '赵敏', '黄伟', '吴静', '徐刚', '孙丽华', '马俊'];
const topics: { kind: 'SUGGESTION' | 'ACCUSATION' | 'APPEAL_REQUEST'; category: string; title: string; content: string }[] = [
  { kind: 'APPEAL_REQUEST', category: '劳动社保', title: '工地拖欠农民工工资', content: '本人在某工地务工八个月，工程结束后包工头拖欠工资三万余元，多次讨要未果，请求帮助追讨。' },
  { kind: 'APPEAL_REQUEST', category: '城乡建设', title: '小区电梯长期故障', content: '小区 3 栋电梯停运两个月，物业以维修资金不足为由拖延，老人出行困难，请求督促维修。' },
  { kind: 'APPEAL_REQUEST', category: '国土资源', title: '宅基地边界纠纷', content: '与邻居因宅基地边界发生争议，村委会调解未果，请求依法确认边界。' },
  { kind: 'SUGGESTION', category: '交通运输', title: '建议增设学校门口公交站', content: '建议在实验小学门口增设公交停靠站，方便学生上下学，减少接送车辆拥堵。' },
  { kind: 'SUGGESTION', category: '农村农业', title: '建议完善乡村道路路灯', content: '村道夜间无照明，村民出行不便且有安全隐患，建议分批安装太阳能路灯。' },
  { kind: 'ACCUSATION', category: '纪检监察', title: '反映村干部优亲厚友', content: '反映某村干部在低保评定中优亲厚友，将不符合条件的亲属纳入低保，请求调查。' },
  { kind: 'APPEAL_REQUEST', category: '环境保护', title: '餐馆油烟噪声扰民', content: '楼下餐馆油烟直排、夜间噪声大，影响居民休息，请求相关部门处理。' },
  { kind: 'APPEAL_REQUEST', category: '征地拆迁', title: '征地补偿款未足额发放', content: '承包地被征收后，补偿款至今未足额发放，请求核查并兑现。' },
];
const channelsCycle = ['LETTER', 'VISIT', 'ONLINE', 'PHONE', 'SMS', 'HOTLINE_12345', 'TRANSFER'] as const;

/** A valid 居民身份证号 for demo person n (region 500118, born 1960-01-01 + n years). */
export function demoIdentityNumber(n: number): string {
  const first17 = `500118${1960 + n}0101${String(100 + n).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17);
}

/**
 * Seeds the demo tree, accounts, petitioners and about 50 cases. Does nothing if the tree exists.
 * One transaction (the services' own become savepoints): a start interrupted while seeding leaves nothing
 * half-seeded behind (the next start would skip it), and one commit instead of ~700 halves the time.
 */
export async function seedDemoData(db: Database, now: Date = new Date()): Promise<{ seeded: boolean }> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: units.id }).from(units).where(eq(units.divisionCode, DEMO_ROOT_CODE));
    if (existing) return { seeded: false };
    await seedInto(tx, now);
    return { seeded: true };
  });
}

async function seedInto(db: Database, now: Date): Promise<void> {

  const unitIds = new Map<string, string>();
  for (const spec of unitSpecs) {
    const row = await createUnit(db, {
      parentId: spec.parent ? unitIds.get(spec.parent)! : null,
      level: spec.level,
      kind: spec.kind,
      divisionCode: spec.code,
      name: spec.name,
    });
    unitIds.set(spec.key, row.id);
  }

  const petitionerRows = await db
    .insert(petitioners)
    .values(
      people.map((name, n) => ({
        kind: 'PERSON' as const,
        name,
        identityNumber: demoIdentityNumber(n),
        mobile: `1380000${String(1000 + n).padStart(4, '0')}`,
        address: `重庆市永川区中山路街道人民大道 ${n + 1} 号`,
      })),
    )
    .returning({ id: petitioners.id });

  const accountRows = await db
    .insert(accounts)
    .values(
      demoAccounts.map((spec) => ({
        username: spec.username,
        displayName: spec.displayName,
        unitId: spec.unit ? unitIds.get(spec.unit)! : null,
        petitionerId: spec.petitioner !== undefined ? petitionerRows[spec.petitioner].id : null,
        roles: spec.roles,
      })),
    )
    .returning();
  const accountIds = new Map<string, Actor>(
    accountRows.map((row) => [row.username, { accountId: row.id, displayName: row.displayName, roles: row.roles, unitId: row.unitId, petitionerId: row.petitionerId }]),
  );

  const places = ['500118001001', '500118002001', '500118104201', '500118104202', '500118001', '500118002'];
  const townshipOfPlace = (place: string) => (place.startsWith('500118001') ? 'zhongshan' : place.startsWith('500118002') ? 'shengli' : 'laisu');
  const registrars = ['staff', 'zhongshan-staff', 'shengli-staff', 'laisu-staff'];
  const today = toChinaDate(now);
  const contextFor = async (username: string, day: string): Promise<Session> => {
    const actor = accountIds.get(username)!;
    return { db, actor, unitPath: actor.unitId ? await unitPathOf(db, actor.unitId) : null, now: () => chinaMorning(day, now) };
  };
  const registered: { id: string; receivedOn: string; plan: number }[] = [];

  for (let i = 0; i < 50; i++) {
    const topic = topics[i % topics.length];
    const channel = channelsCycle[i % channelsCycle.length];
    const person = i % people.length;
    const receivedOn = addDays(today, -((i * 7) % 120) - 1);
    const registrar = topic.kind === 'ACCUSATION' ? 'staff' : channel === 'HOTLINE_12345' ? 'hotline-12345' : registrars[i % 4];
    const group = i % 11 === 0;
    const input = intakeSchema.parse({
      idempotencyKey: `demo-seed-${i}`,
      kind: topic.kind,
      channel,
      category: topic.category,
      title: `${topic.title}（${i + 1}）`,
      content: topic.content,
      placeCode: places[i % places.length],
      receivedOn,
      petitioners: group
        ? [0, 1, 2, 3, 4, 5].map((k) => ({ name: people[(person + k) % people.length], identityNumber: demoIdentityNumber((person + k) % people.length), role: k === 0 ? 'PRIMARY' : k === 1 ? 'REPRESENTATIVE' : 'CO_PETITIONER' }))
        : [{ name: people[person], identityNumber: demoIdentityNumber(person), role: 'PRIMARY' }],
      agent: i % 9 === 4 ? { name: '网格员 何志明', mobile: '13900001234' } : undefined,
      accusedUnitId: topic.kind === 'ACCUSATION' ? unitIds.get('laisu') : undefined,
      accusedPerson: topic.kind === 'ACCUSATION' ? '某村党支部书记' : undefined,
    });
    const actor = accountIds.get(registrar)!;
    const { caseId } = await intakeCase(db, actor, input, { receivingUnitId: actor.unitId!, operation: 'registerCase', now: chinaMorning(receivedOn, now) });
    // Drive the case along the lifecycle with back-dated steps, so every state and clock shows up.
    let version = 1;
    const plan = i % 12;
    const oddRound = Math.floor(i / 12) % 2 === 1;
    registered.push({ id: caseId, receivedOn, plan });
    // 谁主管、谁负责: accusations to discipline inspection, building matters to the housing department, the rest to the place.
    const target = topic.kind === 'ACCUSATION' ? 'ycDiscipline' : topic.category === '城乡建设' ? 'ycHousing' : townshipOfPlace(places[i % places.length]);
    const step = async (offset: number, username: string, run: (ctx: Session, base: { caseId: string; expectedVersion: number }) => Promise<unknown>) => {
      const day = addDays(receivedOn, offset);
      if (day > today) return false;
      await run(await contextFor(username, day), { caseId, expectedVersion: version });
      version += 1;
      return true;
    };
    if (plan === 0) continue; // stays REGISTERED (older ones become overdue)
    if (plan === 10) {
      await step(2, 'admin', (ctx, base) => caseActions.withdraw(ctx, { ...base, reason: '信访人表示问题已自行解决，申请撤回' }));
      continue;
    }
    const survivor = registered.filter((c) => c.plan < 10 && c.receivedOn < receivedOn).sort((a, b) => a.receivedOn.localeCompare(b.receivedOn))[0];
    if (plan === 11 && survivor) {
      await step(1, 'county-leader', (ctx, base) => caseActions.merge(ctx, { ...base, intoCaseId: survivor.id, note: '同一诉求重复登记' }));
      continue;
    }
    if (plan === 9) {
      (await step(3, 'county-leader', (ctx, base) =>
        caseActions.decline(ctx, { ...base, reason: 'LEGAL_PROCEDURE', explanation: '该纠纷已进入诉讼程序，依法不予受理', directedTo: '永川区人民法院' }),
      )) && !oddRound && (await step(4, 'county-leader', (ctx, base) => caseActions.close(ctx, { ...base, note: '已书面告知' })));
      continue; // CLOSED, or left DECLINED
    }
    const registeredAtTarget = actor.unitId === unitIds.get(target);
    if (!registeredAtTarget && !(await step(2, 'county-leader', (ctx, base) => caseActions.route(ctx, { ...base, kind: i % 2 ? 'assign' : 'transfer', targetUnitId: unitIds.get(target)!, reportDueOn: addDays(receivedOn, 30), note: '请依法处理' })))) continue;
    if (plan === 1) continue; // PENDING_ACCEPTANCE
    if (!(await step(5, 'county-leader', (ctx, base) => caseActions.accept(ctx, base)))) continue;
    if (i % 5 === 0) await step(6, 'county-leader', (ctx, base) => caseActions.setCaseLeader(ctx, { ...base, leaderAccountId: accountIds.get('county-leader')!.accountId }));
    if (plan === 2) {
      await step(8, 'supervisor', (ctx, base) => caseActions.supervise(ctx, { ...base, instructions: '请于期限内报送办理情况', dueOn: addDays(receivedOn, 20) }));
      continue; // ACCEPTED, under supervision
    }
    if (plan === 3) {
      (await step(30, 'county-leader', (ctx, base) => caseActions.extend(ctx, { ...base, days: 30, reason: '涉及多个部门，需进一步调查核实' }))) &&
        (await step(35, 'county-leader', (ctx, base) => caseActions.flagBacklog(ctx, { ...base, reason: '历史遗留问题，列入清零台账' }))) &&
        oddRound &&
        (await step(40, 'county-leader', (ctx, base) => caseActions.clearBacklog(ctx, { ...base, note: '包案领导接访，事心双解，积案销号' })));
      continue;
    }
    if (plan === 4) {
      const hearingDay = addDays(receivedOn, 12);
      const scheduled = await step(10, 'county-leader', (ctx, base) => caseActions.scheduleHearing(ctx, { ...base, scheduledOn: hearingDay > today ? today : hearingDay, location: '来苏镇观音井村乡贤评理堂' }));
      if (scheduled && oddRound) {
        const [hearing] = await db.select({ id: hearings.id }).from(hearings).where(eq(hearings.caseId, caseId));
        await step(13, 'county-leader', (ctx, base) => caseActions.recordHearing(ctx, { ...base, hearingId: hearing.id, heldOn: hearingDay, summary: '听证员听取双方陈述，评议后形成意见' }));
      }
      continue; // ACCEPTED with a hearing pending (clock paused) or held
    }
    if (!(await step(18, 'county-leader', (ctx, base) => caseActions.decide(ctx, { ...base, outcome: i % 3 ? 'SUPPORTED' : 'EXPLAINED', summary: '经调查核实，依法作出处理意见', resolved: i % 4 !== 0 })))) continue;
    if (plan === 5) {
      (await step(20, 'county-leader', (ctx, base) => caseActions.recordFollowUp(ctx, { ...base, method: 'PHONE', notes: '电话回访，信访人对处理结果表示认可', satisfaction: oddRound ? 'BASICALLY_SATISFIED' : 'SATISFIED' }))) &&
        (await step(60, 'county-leader', (ctx, base) => caseActions.close(ctx, { ...base, note: '复查期限届满，办结归档' })));
      continue;
    }
    if (plan === 6) {
      // The demo petitioner 刘建国 (person 0) has an account and evaluates his own decided cases.
      if (person === 0) await step(19, 'petitioner', (ctx, base) => caseActions.evaluate(ctx, { ...base, satisfaction: 'DISSATISFIED', comment: '处理太慢' }));
      continue; // DECIDED, review window running
    }
    if (!(await step(25, 'admin', (ctx, base) => caseActions.requestReview(ctx, { ...base, reason: '信访人对处理意见不服' })))) continue;
    if (plan === 7) continue; // REVIEW_REQUESTED
    if (!(await step(40, 'county-leader', (ctx, base) => caseActions.decideReview(ctx, { ...base, outcome: 'NOT_SUPPORTED', summary: '维持原处理意见', resolved: false })))) continue;
    const round = Math.floor(i / 12);
    if (plan === 8 && round === 0) continue; // REVIEWED
    if (!(await step(45, 'admin', (ctx, base) => caseActions.requestReReview(ctx, { ...base, reason: '信访人对复查意见仍不服' })))) continue;
    if (round === 3) continue; // REREVIEW_REQUESTED
    await step(60, 'city-leader', (ctx, base) => caseActions.decideReReview(ctx, { ...base, outcome: 'NOT_SUPPORTED', summary: '复核维持，本事项终结', resolved: false, heardPublicly: true }));
  }
  // Leaders' reception days, appointments, receptions and a visit.
  await seedReceptionDemo(db, contextFor, unitIds, today, demoIdentityNumber);
  await seedMediation({ now, unitIds, accounts: accountIds, contextFor });
  await seedSuggestions({ db, today, unitIds, accountIds, contextFor, anonymous: (day) => ({ db, actor: null, unitPath: null, now: () => chinaMorning(day, now) }) });
  // Warnings, breaches and overdue flags as of today.
  await runDeadlineSweep(db, now);
}
