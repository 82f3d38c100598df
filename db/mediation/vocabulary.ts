/**
 * The mediation domain's value lists, each defined once with its Chinese label. The Postgres enums
 * (db/tables/mediation.sql.ts), the TypeScript unions (below) and the GraphQL enums (schema/mediation)
 * are all derived from these records, so a value cannot exist in one place and be missing in another.
 */

type Labels = Readonly<Record<string, string>>;
/** The keys of a label record as the non-empty tuple pgEnum wants. */
export function valuesOf<L extends Labels>(labels: L): [keyof L & string, ...(keyof L & string)[]] {
  return Object.keys(labels) as [keyof L & string, ...(keyof L & string)[]];
}

export const roomKindLabels = {
  PETITION_REVIEW_ROOM: '信访评理室',
  MEDIATION_ROOM: '调解室',
  DISPUTE_CENTER: '矛盾纠纷调处化解中心',
  COMMUNITY_HALL: '乡贤评理堂',
  RECEPTION_HALL: '群众来访接待大厅（领导接访）',
} as const;
export type RoomKind = keyof typeof roomKindLabels;

export const roomStatusLabels = { OPEN: '开放', CLOSED: '暂停使用' } as const;
export type RoomStatus = keyof typeof roomStatusLabels;

export const mediatorStatusLabels = {
  CANDIDATE: '候选（未聘任）',
  ACTIVE: '在聘',
  SUSPENDED: '暂停调解',
  REMOVED: '已解聘',
} as const;
export type MediatorStatus = keyof typeof mediatorStatusLabels;

export const mediatorGradeLabels = { CHIEF: '首席', FIRST: '一级', SECOND: '二级', THIRD: '三级' } as const;
export type MediatorGrade = keyof typeof mediatorGradeLabels;

export const genderLabels = { MALE: '男', FEMALE: '女' } as const;
export type Gender = keyof typeof genderLabels;

export const backgroundLabels = {
  RETIRED_CADRE: '退休干部',
  TEACHER: '教师',
  VILLAGE_DOCTOR: '乡村医生',
  LAWYER: '律师或法律工作者',
  PARTY_ELDER: '老党员',
  ENTREPRENEUR: '企业家、乡贤能人',
  FIVE_ELDERS: '“五老”（老干部、老战士、老专家、老教师、老模范）',
  VILLAGE_CADRE: '村（社区）干部',
  VETERAN: '退役军人',
  OTHER: '其他',
} as const;
export type Background = keyof typeof backgroundLabels;

export const specialtyLabels = {
  MARRIAGE_FAMILY: '婚姻家庭',
  NEIGHBOURHOOD: '邻里纠纷',
  LAND_HOMESTEAD: '土地宅基地',
  LABOUR_WAGES: '劳动工资',
  PROPERTY_MANAGEMENT: '物业',
  LAND_ACQUISITION: '征地拆迁',
  CONSUMER: '消费',
  MEDICAL: '医疗',
  TRAFFIC: '交通事故',
  CONTRACT_DEBT: '合同债务',
  OTHER: '其他',
} as const;
export type Specialty = keyof typeof specialtyLabels;

/** 《人民调解法》第十五条 (the four grounds), plus the ends of an appointment that are not misconduct. */
export const removalCauseLabels = {
  PARTIALITY: '偏袒一方当事人',
  INSULTING_PARTY: '侮辱当事人',
  BRIBERY: '索取、收受财物或者牟取其他不正当利益',
  PRIVACY_BREACH: '泄露当事人的个人隐私、商业秘密',
  UNFIT: '因健康等原因不能履行职责',
  TERM_ENDED: '任期届满未续聘',
  RESIGNED: '本人辞任',
} as const;
export type RemovalCause = keyof typeof removalCauseLabels;

/** Declared ties that force recusal (回避) when they touch a party. */
export const relationshipKindLabels = {
  RELATIVE: '近亲属',
  EMPLOYER: '雇佣或劳动关系',
  ORGANISATION: '同一组织（单位、合作社、企业）',
  HOUSEHOLD: '同一户',
  INTEREST: '其他利害关系',
} as const;
export type RelationshipKind = keyof typeof relationshipKindLabels;

export const sessionKindLabels = { MEDIATION: '调解', REVIEW_TALK: '评理', HEARING: '听证' } as const;
export type SessionKind = keyof typeof sessionKindLabels;

export const sessionStatusLabels = {
  PENDING_MEDIATOR: '待选定调解员',
  PENDING_ACCEPTANCE: '待调解员接受',
  ACCEPTED: '已接受，待排期',
  SCHEDULED: '已排期',
  POSTPONED: '已延期',
  IN_PROGRESS: '调解中',
  AGREEMENT: '达成协议',
  NO_AGREEMENT: '未达成协议',
  CANCELLED: '已取消',
} as const;
export type SessionStatus = keyof typeof sessionStatusLabels;

export const partyRoleLabels = { APPLICANT: '申请人', RESPONDENT: '被申请人', THIRD_PARTY: '第三人', AGENT: '代理人' } as const;
export type PartyRole = keyof typeof partyRoleLabels;

export const panelRoleLabels = { LEAD: '主调解员', PRESIDING: '主持人', MEMBER: '成员' } as const;
export type PanelRole = keyof typeof panelRoleLabels;

/** Why a mediation ended without agreement (法释〔2021〕23号 on termination, 《人民调解法》第二十六条). */
export const terminationReasonLabels = {
  NO_AGREEMENT_REACHED: '经调解未能达成调解协议',
  PARTY_REFUSED: '当事人明确拒绝继续调解',
  PARTY_ABSENT: '当事人无正当理由不参加调解',
  PERIOD_EXPIRED: '调解期限届满未达成协议且不同意延长',
  SETTLED_BY_PARTIES: '当事人自行和解',
  OTHER_PROCEDURE: '当事人已通过诉讼、仲裁等途径解决',
  UNLAWFUL_CONTENT: '调解内容违反法律或损害他人合法权益',
} as const;
export type TerminationReason = keyof typeof terminationReasonLabels;

export const performanceStateLabels = { FULFILLED: '已履行', PARTLY_FULFILLED: '部分履行', NOT_FULFILLED: '未履行' } as const;
export type PerformanceState = keyof typeof performanceStateLabels;

/** Who or what a booking holds: a room, a mediator, or (for the leaders' reception) any account. */
export const bookingResourceLabels = { ROOM: '场所', MEDIATOR: '调解员', ACCOUNT: '工作人员' } as const;
export type BookingResource = keyof typeof bookingResourceLabels;

/** What a booking is for; each purpose is a stream that owns its bookings. */
export const bookingPurposeLabels = { MEDIATION_SESSION: '调解/评理/听证', APPOINTMENT: '领导接访约访时段' } as const;
export type BookingPurpose = keyof typeof bookingPurposeLabels;

/** Days of the week, ISO numbering (1 = Monday). */
export const weekdayLabels = { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' } as const;
