/**
 * Every closed list of the case domain, defined once. db/tables/*.sql.ts builds the Postgres enums from
 * these, db/cases/* takes the TypeScript unions, schema/cases/* the GraphQL enums (schema/common/enums.ts).
 */
import { vocabulary, type ValueOf } from '../common/vocabulary';

export const caseKind = vocabulary('CaseKind', '信访事项类别（《信访工作条例》三类）。The regulation’s three kinds.', {
  SUGGESTION: '建议意见类',
  ACCUSATION: '检举控告类（检举人身份与材料保密）',
  APPEAL_REQUEST: '申诉求决类',
});
export const caseKinds = caseKind.values;
export type CaseKind = ValueOf<typeof caseKind>;

export const channel = vocabulary('Channel', '受理渠道。Intake channel.', {
  LETTER: '来信',
  VISIT: '来访',
  ONLINE: '网上信访',
  PHONE: '电话',
  SMS: '短信',
  HOTLINE_12345: '12345 热线转来',
  TRANSFER: '上级或其他系统转来',
});
export const channels = channel.values;
export type Channel = ValueOf<typeof channel>;

/** The statuses of a case; the meaning is also the status label users see (`statusLabel`, messages). */
export const caseStatus = vocabulary('CaseStatus', '信访事项状态。Case status.', {
  REGISTERED: '已登记',
  PENDING_ACCEPTANCE: '待受理',
  ACCEPTED: '办理中',
  DECLINED: '不予受理',
  DECIDED: '已出具处理意见',
  REVIEW_REQUESTED: '复查中',
  REVIEWED: '已复查',
  REREVIEW_REQUESTED: '复核中',
  CONCLUDED: '已终结',
  CLOSED: '已办结',
  WITHDRAWN: '已撤回',
  MERGED: '已合并',
});
export const caseStatuses = caseStatus.values;
export type CaseStatus = ValueOf<typeof caseStatus>;
export const caseStatusLabels = caseStatus.meanings;

export const participantRole = vocabulary('ParticipantRole', '信访人在事项中的身份。Role of a person on a case.', {
  PRIMARY: '主信访人',
  CO_PETITIONER: '共同信访人（集体访）',
  REPRESENTATIVE: '集体访推选的代表（至多 5 人）',
  AGENT: '代理人/代办人（网格员、律师等“两代”）',
});
export const participantRoles = participantRole.values;
export type ParticipantRole = ValueOf<typeof participantRole>;

export const outcome = vocabulary('Outcome', '处理意见结论。Decision outcome.', {
  SUPPORTED: '支持',
  PARTLY_SUPPORTED: '部分支持',
  NOT_SUPPORTED: '不予支持',
  EXPLAINED: '解释说明',
});
export const outcomes = outcome.values;
export type Outcome = ValueOf<typeof outcome>;

export const satisfaction = vocabulary('Satisfaction', '信访人评价。Evaluation.', {
  SATISFIED: '满意',
  BASICALLY_SATISFIED: '基本满意',
  DISSATISFIED: '不满意',
});
export const satisfactions = satisfaction.values;
export type Satisfaction = ValueOf<typeof satisfaction>;

export const declineReason = vocabulary('DeclineReason', '不予受理的理由。Why a case is not accepted.', {
  NOT_OUR_MATTER: '不属于本机关职责范围，告知向有权机关提出（须填 directedTo）',
  LEGAL_PROCEDURE: '应当通过诉讼、仲裁、行政复议等法定途径解决（诉访分离，须填 directedTo）',
  CONCLUDED_ALREADY: '已复核终结，同一事实和理由不再受理',
  DUPLICATE_IN_PROGRESS: '同一事项正在办理中',
  OTHER: '其他（在说明中写明）',
});
export const declineReasons = declineReason.values;
export type DeclineReason = ValueOf<typeof declineReason>;

export const followUpMethod = vocabulary('FollowUpMethod', '回访方式。How the follow-up was made.', {
  PHONE: '电话',
  VISIT: '上门',
  SMS: '短信',
  ONLINE: '网上',
  LETTER: '信函',
});
export const followUpMethods = followUpMethod.values;
export type FollowUpMethod = ValueOf<typeof followUpMethod>;

export const supervisionStatus = vocabulary('SupervisionStatus', '督办单状态。Status of a supervision order.', {
  OPEN: '待回复。Awaiting the answer.',
  ANSWERED: '已回复。Answered.',
  ESCALATED: '逾期未回复，已升级。Overdue and escalated.',
});
export const supervisionStatuses = supervisionStatus.values;
export type SupervisionStatus = ValueOf<typeof supervisionStatus>;

export const hearingStatus = vocabulary('HearingStatus', '听证状态。Status of a hearing.', {
  SCHEDULED: '已安排，尚未举行（期限暂停）。Scheduled; the clock is paused.',
  HELD: '已举行。Held.',
});
export const hearingStatuses = hearingStatus.values;
export type HearingStatus = ValueOf<typeof hearingStatus>;

/** Every event type a case's history can hold: the actions' (db/cases/lifecycle.ts), creation, and the sweep's notices. */
export const caseEventType = vocabulary('CaseEventType', '事项历史记录的类型。Kind of entry in a case’s history.', {
  'case.registered': '登记。Registered.',
  'case.transferred': '转送。Transferred.',
  'case.assigned': '交办。Assigned.',
  'case.returned': '退回重办。Returned to a lower unit.',
  'case.escalated': '提级会审。Escalated.',
  'case.accepted': '受理。Accepted.',
  'case.declined': '不予受理。Declined.',
  'case.extended': '延期。Handling period extended.',
  'case.decided': '出具处理意见。Decided.',
  'case.review_requested': '请求复查。Review requested.',
  'case.reviewed': '出具复查意见。Reviewed.',
  'case.re_review_requested': '请求复核。Re-review requested.',
  'case.re_reviewed': '出具复核意见。Re-reviewed.',
  'case.closed': '办结归档。Closed.',
  'case.withdrawn': '撤回。Withdrawn.',
  'case.merged': '合并。Merged into an earlier case.',
  'case.case_leader_set': '确定包案领导。Case leader set.',
  'case.backlog_flagged': '列为信访积案。Flagged as backlog.',
  'case.backlog_cleared': '积案化解销号。Backlog cleared.',
  'case.supervised': '督办。Supervision order issued.',
  'case.supervision_answered': '回复督办。Supervision answered.',
  'case.supervision_escalated': '督办逾期升级（系统）。Supervision overdue, escalated (system).',
  'case.followed_up': '回访。Followed up.',
  'case.evaluated': '信访人评价。Evaluated by the petitioner.',
  'case.hearing_scheduled': '安排听证。Hearing scheduled.',
  'case.hearing_recorded': '记录听证结果。Hearing recorded.',
  'case.continued_as_suggestion': '转为人民建议办理（事项在建议中继续）。The matter continues as a suggestion.',
  'case.deadline_warning': '时限预警（系统）。Deadline warning (system).',
  'case.deadline_breached': '时限超期（系统）。Deadline breached (system).',
  'case.text_revealed': '查看含个人信息的原文（留痕：谁、何时、为何、涉及谁）。Whole text with personal data revealed (who, when, why, whose).',
});
export const caseEventTypes = caseEventType.values;
export type CaseEventType = ValueOf<typeof caseEventType>;
