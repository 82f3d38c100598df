/**
 * The words of suggestion collection (人民建议征集), each list defined once: the Postgres enums
 * (db/tables/suggestions.sql.ts), the TypeScript unions below and the GraphQL enums (schema/suggestions/)
 * are all derived from these lists and their Chinese labels.
 */

export const campaignStatuses = ['DRAFT', 'OPEN', 'CLOSED', 'ARCHIVED'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];
export const campaignStatusLabels: Readonly<Record<CampaignStatus, string>> = {
  DRAFT: '草稿（未发布）',
  OPEN: '征集中',
  CLOSED: '已截止',
  ARCHIVED: '已归档',
};

export const campaignActions = ['open', 'close', 'archive'] as const;
export type CampaignAction = (typeof campaignActions)[number];
export const campaignActionLabels: Readonly<Record<CampaignAction, string>> = {
  open: '发布征集',
  close: '截止征集',
  archive: '归档',
};

export const suggestionStatuses = [
  'SUBMITTED',
  'UNDER_ASSESSMENT',
  'ASSESSED',
  'DECLINED',
  'ADOPTED',
  'PARTLY_ADOPTED',
  'FOR_REFERENCE',
  'NOT_ADOPTED',
  'CONVERTED',
  'WITHDRAWN',
  'TRANSFERRED_TO_CASE',
] as const;
export type SuggestionStatus = (typeof suggestionStatuses)[number];
export const suggestionStatusLabels: Readonly<Record<SuggestionStatus, string>> = {
  SUBMITTED: '已提交，待评估',
  UNDER_ASSESSMENT: '评估中',
  ASSESSED: '已评估，待决定',
  DECLINED: '不予采纳办理（已说明理由）',
  ADOPTED: '采纳',
  PARTLY_ADOPTED: '部分采纳',
  FOR_REFERENCE: '留作参考',
  NOT_ADOPTED: '未采纳',
  CONVERTED: '已转化（政策、措施、项目或提案）',
  WITHDRAWN: '已撤回',
  TRANSFERRED_TO_CASE: '已转为信访事项办理',
};

/** The four answers an assessment ends in (a subset of the statuses). */
export const adoptionResults = ['ADOPTED', 'PARTLY_ADOPTED', 'FOR_REFERENCE', 'NOT_ADOPTED'] as const satisfies readonly SuggestionStatus[];
export type AdoptionResult = (typeof adoptionResults)[number];

/** Adopted in whole or part: the numerator of the adoption rate and the only ones that can be converted. */
export const adoptedResults = ['ADOPTED', 'PARTLY_ADOPTED'] as const satisfies readonly AdoptionResult[];

export const declineReasons = ['DUPLICATE', 'OUT_OF_SCOPE', 'PERSONAL_GRIEVANCE', 'UNLAWFUL_CONTENT'] as const;
export type DeclineReason = (typeof declineReasons)[number];
export const declineReasonLabels: Readonly<Record<DeclineReason, string>> = {
  DUPLICATE: '与已提交的建议重复',
  OUT_OF_SCOPE: '不属于本次征集或本单位职责范围',
  PERSONAL_GRIEVANCE: '属于个人诉求，应通过信访渠道反映',
  UNLAWFUL_CONTENT: '内容违反法律法规',
};

export const conversionKinds = ['POLICY_DOCUMENT', 'MEASURE', 'PROJECT', 'LEGISLATION', 'NPC_PROPOSAL', 'CPPCC_PROPOSAL', 'WORK_STUDY'] as const;
export type ConversionKind = (typeof conversionKinds)[number];
export const conversionKindLabels: Readonly<Record<ConversionKind, string>> = {
  POLICY_DOCUMENT: '政策文件',
  MEASURE: '工作措施',
  PROJECT: '实事项目',
  LEGISLATION: '地方立法',
  NPC_PROPOSAL: '人大代表建议、议案',
  CPPCC_PROPOSAL: '政协提案',
  WORK_STUDY: '工作研究',
};

export const conversionProgresses = ['PLANNED', 'IN_PROGRESS', 'COMPLETED'] as const;
export type ConversionProgress = (typeof conversionProgresses)[number];
export const conversionProgressLabels: Readonly<Record<ConversionProgress, string>> = {
  PLANNED: '已列入计划',
  IN_PROGRESS: '推进中',
  COMPLETED: '已落地',
};

export const nominationStatuses = ['NOMINATED', 'AWARDED', 'REJECTED'] as const;
export type NominationStatus = (typeof nominationStatuses)[number];
export const nominationStatusLabels: Readonly<Record<NominationStatus, string>> = {
  NOMINATED: '已提名，待评审',
  AWARDED: '已获奖',
  REJECTED: '评审未通过',
};

/** The pipeline's actions. Each is one event `suggestion.<event>` on the suggestion's own stream. */
export const suggestionActions = [
  'startAssessment',
  'recordAssessment',
  'completeAssessment',
  'decline',
  'adopt',
  'adoptPartly',
  'keepForReference',
  'notAdopt',
  'publishAnswer',
  'transfer',
  'markUrgent',
  'makePublic',
  'convert',
  'updateConversion',
  'withdraw',
  'transferToCase',
  'joinCluster',
  'leaveCluster',
  'nominate',
  'decideAward',
] as const;
export type SuggestionAction = (typeof suggestionActions)[number];
export const suggestionActionLabels: Readonly<Record<SuggestionAction, string>> = {
  startAssessment: '启动评估（抽取评估人）',
  recordAssessment: '提交评估意见',
  completeAssessment: '完成评估',
  decline: '不予采纳办理（须写明理由）',
  adopt: '采纳',
  adoptPartly: '部分采纳',
  keepForReference: '留作参考',
  notAdopt: '不予采纳',
  publishAnswer: '发布答复（告知建议人并公开）',
  transfer: '转交责任单位',
  markUrgent: '列入快速通道',
  makePublic: '公开（接受群众附议）',
  convert: '转化为政策、措施、项目或提案',
  updateConversion: '更新转化进展',
  withdraw: '建议人撤回',
  transferToCase: '转为信访事项',
  joinCluster: '并案（加入同类建议组）',
  leaveCluster: '移出并案组',
  nominate: '推荐参评奖励',
  decideAward: '评审委员会作出奖励决定',
};

/** The decision actions and the result each records. */
export const decisionActions = { adopt: 'ADOPTED', adoptPartly: 'PARTLY_ADOPTED', keepForReference: 'FOR_REFERENCE', notAdopt: 'NOT_ADOPTED' } as const satisfies Partial<
  Record<SuggestionAction, AdoptionResult>
>;
export type DecisionAction = keyof typeof decisionActions;
