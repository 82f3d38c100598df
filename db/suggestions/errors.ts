import { AppError } from '../errors';

/**
 * The catalogue of suggestion-collection refusals (the generic ones — `suggestion/not-found`,
 * `suggestion/version-conflict`, `suggestion/invalid-transition` — come from db/streams/).
 */
export const suggestionRuleCodes = {
  'suggestion/campaign-not-open': '征集活动尚未开始',
  'suggestion/campaign-closed': '征集活动已截止',
  'suggestion/category-not-in-campaign': '类别不在本次征集范围内',
  'suggestion/unit-required': '日常征集须指明向哪个单位提出',
  'suggestion/channel-not-allowed': '该渠道只能由工作人员登记',
  'suggestion/not-our-unit': '只有责任单位或其上级单位可以办理此项',
  'suggestion/no-assessors': '评估专家库中没有可抽取的评估人',
  'suggestion/not-an-assessor': '你不是该建议抽取的评估人',
  'suggestion/already-scored': '你已提交过评估意见',
  'suggestion/assessment-incomplete': '尚有评估人未提交评估意见',
  'suggestion/answer-already-published': '答复已发布',
  'suggestion/already-urgent': '该建议已在快速通道中',
  'suggestion/already-public': '该建议已公开',
  'suggestion/not-submitter': '只有建议人本人可以撤回',
  'suggestion/no-contact': '匿名且未留联系人的建议无法转为信访事项',
  'suggestion/conversion-not-found': '转化记录不存在',
  'suggestion/cluster-mismatch': '只能把同一征集活动、同一类别的建议并案',
  'suggestion/already-clustered': '该建议已在并案组中',
  'suggestion/not-clustered': '该建议不在并案组中',
  'suggestion/cluster-not-uniform': '并案组内的建议须处于同一环节才能一并作出决定',
  'suggestion/tier-not-found': '奖励等级不存在',
  'suggestion/tier-full': '该奖励等级名额已满',
  'suggestion/already-nominated': '该建议已被推荐参评该奖项',
  'suggestion/nomination-not-found': '没有待评审的推荐',
  'suggestion/endorse-citizens-only': '只有群众账号可以附议',
  'suggestion/endorse-own': '不能附议自己提出的建议',
  'suggestion/endorse-closed': '该建议已作出答复或已结束，不再接受附议',
  'suggestion/already-endorsed': '你已附议过该建议',
  'suggestion/not-endorsed': '你尚未附议该建议',
  'suggestion/case-not-suggestion': '只有建议意见类信访事项可以转入人民建议征集',
  'suggestion/case-already-converted': '该信访事项已转入人民建议征集',
} as const;

export type SuggestionRuleCode = keyof typeof suggestionRuleCodes;

/** A rule of suggestion collection refused the action; `message` says why in Chinese (default: the catalogue's). */
export class SuggestionRuleError extends AppError {
  constructor(code: SuggestionRuleCode, message: string = suggestionRuleCodes[code]) {
    super(code, message);
    this.name = 'SuggestionRuleError';
  }
}
