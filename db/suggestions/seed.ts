/**
 * Demo suggestion collection for the demo county (永川区), all through the services, back-dated step by step
 * (so every step is an event): a campaign open now with two clusters (one decided together with separate
 * replies, one under assessment), endorsements past its threshold, award tiers and awards; a closed and a draft
 * campaign; open collection; a suggestion in every status.
 */
import { eq } from 'drizzle-orm';
import type { Database } from '../client';
import type { Session } from '../session';
import { addDays, type IsoDate } from '../calendar/work-calendar';
import { suggestionAssessorPool, suggestionNominations, suggestions } from '../tables/suggestions.sql';
import { campaignAction, createCampaign } from './campaign-service';
import { submitSuggestion, type SubmissionInput } from './intake';
import * as actions from './actions';
import * as clusters from './cluster-service';
import { endorseSuggestion } from './endorsement-service';
import { createAwardTier, decideAward, nominate } from './awards';

interface SeedContext {
  db: Database;
  today: IsoDate;
  unitIds: Map<string, string>;
  accountIds: Map<string, { accountId: string }>;
  contextFor(username: string, day: IsoDate): Promise<Session>;
  /** An anonymous caller on `day`. */
  anonymous(day: IsoDate): Session;
}

export async function seedSuggestions(ctx: SeedContext): Promise<void> {
  const { db, today, unitIds } = ctx;
  const day = (offset: number) => addDays(today, offset);
  const as = (username: string, offset: number) => ctx.contextFor(username, day(offset));
  const version = async (id: string) => (await db.select({ version: suggestions.version }).from(suggestions).where(eq(suggestions.id, id)))[0].version;
  const base = async (id: string) => ({ suggestionId: id, expectedVersion: await version(id) });
  const submit = async (session: Session, input: Partial<SubmissionInput> & Pick<SubmissionInput, 'title' | 'content' | 'category'>) =>
    submitSuggestion(session, { channel: 'ONLINE', attachments: [], publicNameConsent: false, ...input } as SubmissionInput);

  // The district's pool of assessors (评估专家库): the office's director and the deputy district head.
  await db.insert(suggestionAssessorPool).values(
    ['leader', 'county-leader'].map((username) => ({ unitId: unitIds.get('yongchuan')!, accountId: ctx.accountIds.get(username)!.accountId, specialty: '城市管理' })),
  );
  const assess = async (id: string, offset: number, staff = 'staff') => {
    await actions.startAssessment(await as(staff, offset), await base(id));
    await actions.recordAssessment(await as('leader', offset + 1), { ...(await base(id)), valueScore: 4, feasibilityScore: 4, notes: '建议可行，需住建、交通部门配合' });
    await actions.recordAssessment(await as('county-leader', offset + 2), { ...(await base(id)), valueScore: 5, feasibilityScore: 3 });
    await actions.completeAssessment(await as(staff, offset + 3), await base(id));
  };
  const decide = async (id: string, action: 'adopt' | 'adoptPartly' | 'keepForReference' | 'notAdopt', offset: number, answer: string, publish = true, leader = 'leader') =>
    actions.decideSuggestion(await as(leader, offset), action, { ...(await base(id)), answer, publish });

  // 1. Open now: 城区交通出行, with clusters and awards.
  const open = await createCampaign(await as('staff', -45), {
    title: '2026 年城区交通出行“金点子”征集',
    description: '围绕城区道路拥堵、停车难、学生上下学安全等问题，面向全区群众征集意见建议。',
    categories: ['交通出行', '公共设施'],
    opensOn: day(-40),
    closesOn: day(20),
    feedbackDays: 30,
    endorsementThreshold: 2,
  });
  await campaignAction(await as('staff', -41), 'open', { campaignId: open, expectedVersion: 1 });
  const inOpen = { campaignId: open, category: '交通出行' };

  // Cluster 1 (并案办理、分别答复): three citizens about the crossing at 实验小学, decided together.
  const crossing = [
    await submit(await as('petitioner', -38), { ...inOpen, title: '实验小学门口增设红绿灯', content: '实验小学门口路口车多，孩子过马路很危险，建议安装红绿灯。' }),
    await submit(await as('petitioner2', -37), { ...inOpen, title: '实验小学路口装红绿灯', content: '实验小学门口路口孩子过马路很危险，车多，建议装个红绿灯。', publicNameConsent: true }),
    await submit(ctx.anonymous(day(-36)), { ...inOpen, title: '实验小学门口要有红绿灯', content: '实验小学门口车多，孩子过马路危险，建议安装红绿灯和斑马线。', contactName: '陈志强', contactMobile: '13800001002' }),
  ];
  await actions.makePublic(await as('staff', -35), await base(crossing[0].suggestionId));
  await endorseSuggestion(await as('petitioner2', -34), { number: crossing[0].number });
  const cluster1 = await clusters.createCluster(await as('staff', -33), {
    title: '实验小学门口交通安全',
    members: await Promise.all(crossing.map((c) => base(c.suggestionId))),
  });
  await clusters.startClusterAssessment(await as('staff', -32), { clusterId: cluster1.clusterId, expectedVersion: 1 });
  await clusters.recordClusterAssessment(await as('leader', -31), { clusterId: cluster1.clusterId, expectedVersion: 2, valueScore: 5, feasibilityScore: 4, notes: '学生安全，优先办理' });
  await clusters.recordClusterAssessment(await as('county-leader', -30), { clusterId: cluster1.clusterId, expectedVersion: 3, valueScore: 5, feasibilityScore: 5 });
  await clusters.completeClusterAssessment(await as('staff', -29), { clusterId: cluster1.clusterId, expectedVersion: 4 });
  await clusters.decideCluster(await as('leader', -25), {
    clusterId: cluster1.clusterId,
    expectedVersion: 5,
    result: 'ADOPTED',
    answer: '您的建议已采纳：区交通局已在实验小学门口路口设置信号灯，并施划人行横道。',
    publish: true,
    replies: [{ suggestionId: crossing[2].suggestionId, answer: '您建议的信号灯与斑马线均已设置完成，感谢您对学生安全的关心。' }],
  });
  await actions.convertSuggestion(await as('staff', -20), {
    ...(await base(crossing[0].suggestionId)),
    kind: 'PROJECT',
    unitId: unitIds.get('yongchuan')!,
    title: '实验小学路口交通安全改造项目',
    convertedOn: day(-20),
    link: 'https://www.cqyc.gov.cn/demo/xm-2026-01',
    progress: 'COMPLETED',
    progressNote: '信号灯已投入使用',
  });

  // Cluster 2: two about parking on 兴龙大道, being assessed together.
  const parking = [
    await submit(await as('petitioner', -15), { ...inOpen, title: '兴龙大道增设停车位', content: '兴龙大道两侧商铺多，停车位太少，车辆乱停，建议增设路边停车位。' }),
    await submit(await as('staff', -14), { ...inOpen, channel: 'LETTER', receivedOn: day(-16), title: '兴龙大道停车难', content: '来信反映兴龙大道停车位太少，车辆乱停堵路，建议增设停车位。', contactName: '杨丽', contactMobile: '13800001003' }),
  ];
  const cluster2 = await clusters.createCluster(await as('staff', -12), { title: '兴龙大道停车', members: await Promise.all(parking.map((p) => base(p.suggestionId))) });
  await clusters.startClusterAssessment(await as('staff', -10), { clusterId: cluster2.clusterId, expectedVersion: 1 });

  // One suggestion in every other status, in the open campaign.
  const fresh = await submit(await as('petitioner', -2), { ...inOpen, category: '公共设施', title: '神女湖公园增设公共厕所', content: '周末带孩子去神女湖公园，找厕所要走很远，建议增设几座公共厕所。' });
  await actions.makePublic(await as('staff', -1), await base(fresh.suggestionId));
  await endorseSuggestion(await as('petitioner2', -1), { number: fresh.number });
  const flagged = await submit(ctx.anonymous(day(-9)), { ...inOpen, category: '公共设施', title: '萱花路增设公交候车亭', content: '萱花路公交站没有候车亭，下雨天老人小孩只能淋雨等车，建议增设候车亭。' });
  await actions.makePublic(await as('staff', -8), await base(flagged.suggestionId));
  await endorseSuggestion(await as('petitioner', -7), { number: flagged.number });
  await endorseSuggestion(await as('petitioner2', -6), { number: flagged.number }); // reaches the threshold of 2
  await actions.startAssessment(await as('staff', -5), await base(flagged.suggestionId)); // UNDER_ASSESSMENT, priority

  const hotline = await submit(await as('hotline-12345', -20), { ...inOpen, channel: 'HOTLINE_12345', title: '人民路口延长行人绿灯', content: '12345 来电：人民路口行人绿灯时间太短，老人走不过去，建议延长。', contactName: '赵敏', contactMobile: '13800001004' });
  await assess(hotline.suggestionId, -19); // ASSESSED, awaiting the leader
  const partly = await submit(ctx.anonymous(day(-30)), { ...inOpen, title: '红河路划设非机动车道', content: '红河路电动车和汽车混行，经常剐蹭，建议划设非机动车道并设隔离栏。', contactName: '黄伟', contactMobile: '13800001005' });
  await assess(partly.suggestionId, -29);
  await decide(partly.suggestionId, 'adoptPartly', -24, '部分采纳：红河路已施划非机动车道；隔离栏因路幅不足暂不设置。');
  const duplicate = await submit(await as('petitioner2', -22), { ...inOpen, title: '实验小学门口装信号灯', content: '实验小学门口应该装信号灯，孩子过马路太危险了。' });
  await actions.declineSuggestion(await as('staff', -21), { ...(await base(duplicate.suggestionId)), reason: 'DUPLICATE', explanation: `与 ${crossing[0].number} 号等建议相同，已并案办理，答复见该件。` });
  const withdrawn = await submit(await as('petitioner', -18), { ...inOpen, title: '昌州大道限速', content: '昌州大道车速太快，建议降低限速并增设测速。' });
  await actions.withdrawSuggestion(await as('petitioner', -17), { ...(await base(withdrawn.suggestionId)), reason: '已通过其他渠道反映' });
  const grievance = await submit(await as('petitioner', -11), { ...inOpen, title: '我家门口的路被占用', content: '邻居长期在我家门口的道路上堆放杂物，影响我家出行，请求处理。' });
  await actions.transferToCase(await as('staff', -10), { ...(await base(grievance.suggestionId)), note: '属个人诉求，转信访事项办理' });

  // Open collection (日常征集) to a street office.
  const daily = { unitId: unitIds.get('zhongshan')!, category: '社区治理' };
  const reference = await submit(await as('petitioner2', -60), { ...daily, title: '社区增设老年食堂', content: '萱花社区老人多，子女白天上班，建议开办社区老年食堂。' });
  await assess(reference.suggestionId, -59, 'zhongshan-staff');
  await decide(reference.suggestionId, 'keepForReference', -50, '您的建议已留作参考，将在明年民生实事项目中统筹研究。', true, 'county-leader');
  const notAdopted = await submit(ctx.anonymous(day(-55)), { ...daily, title: '小区全部改为免费停车', content: '建议中山路街道所有小区停车全部免费。', contactName: '吴静' });
  await assess(notAdopted.suggestionId, -54, 'zhongshan-staff');
  await decide(notAdopted.suggestionId, 'notAdopt', -48, '小区停车收费由业主大会依法决定，街道无权统一免费，建议通过业主大会协商。', false, 'county-leader');
  await actions.publishAnswer(await as('zhongshan-staff', -40), await base(notAdopted.suggestionId));

  // 2. A closed campaign (submissions refused now) and a draft one.
  const closed = await createCampaign(await as('staff', -120), {
    title: '老旧小区改造意见征集',
    description: '征集对全区老旧小区改造（加装电梯、管网改造、停车设施）的意见建议。',
    categories: ['城乡建设'],
    opensOn: day(-110),
    closesOn: day(-80),
    feedbackDays: 60,
    endorsementThreshold: 50,
  });
  await campaignAction(await as('staff', -111), 'open', { campaignId: closed, expectedVersion: 1 });
  const elevator = await submit(await as('petitioner', -100), { campaignId: closed, category: '城乡建设', title: '老旧小区加装电梯补贴', content: '建议对老旧小区加装电梯给予财政补贴，简化审批流程。' });
  await assess(elevator.suggestionId, -95);
  await decide(elevator.suggestionId, 'adopt', -85, '已采纳，区住建委已出台加装电梯补贴办法。');
  await actions.convertSuggestion(await as('staff', -70), {
    ...(await base(elevator.suggestionId)),
    kind: 'POLICY_DOCUMENT',
    unitId: unitIds.get('ycHousing')!,
    title: '永川区既有住宅增设电梯补助办法',
    convertedOn: day(-70),
    progress: 'IN_PROGRESS',
    progressNote: '首批 12 部电梯已开工',
  });
  await campaignAction(await as('staff', -79), 'close', { campaignId: closed, expectedVersion: 2 });
  await createCampaign(await as('staff', -3), {
    title: '2027 年民生实事项目征集',
    description: '征集 2027 年区级民生实事项目建议，发布后开始征集。',
    categories: ['教育', '医疗卫生', '养老服务'],
    opensOn: day(10),
    closesOn: day(40),
    feedbackDays: 30,
    endorsementThreshold: 100,
  });

  // 3. Rewards: a year's tier and the open campaign's tier; nominations, the panel's decisions.
  const year = Number(day(-20).slice(0, 4));
  const yearTier = await createAwardTier(await as('staff', -20), { name: `${year} 年度“金点子”一等奖`, rank: 1, year, quota: 3, prize: '荣誉证书及奖金 2000 元' });
  const campaignTier = await createAwardTier(await as('staff', -20), { name: '城区交通出行优秀建议', rank: 2, campaignId: open, quota: 5, prize: '荣誉证书' });
  const award = async (id: string, tierId: string, offset: number, reason: string, awarded = true) => {
    await nominate(await as('staff', offset), { ...(await base(id)), tierId, reason });
    const [nomination] = await db.select({ id: suggestionNominations.id }).from(suggestionNominations).where(eq(suggestionNominations.suggestionId, id));
    await decideAward(await as('leader', offset + 1), { ...(await base(id)), nominationId: nomination.id, award: awarded, panelNote: awarded ? '评审委员会一致通过' : '与已获奖建议重复' });
  };
  await award(crossing[1].suggestionId, yearTier, -15, '推动解决学生过街安全问题，已落地见效');
  await award(crossing[0].suggestionId, campaignTier, -14, '建议具体可行，已转化为实事项目');
  await award(partly.suggestionId, campaignTier, -13, '部分采纳', false);
}
