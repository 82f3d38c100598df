/**
 * Every error class the domain throws, given its GraphQL type here and nowhere else. Each domain keeps its codes in
 * one catalogue (db/<domain>/errors.ts, a `const` object whose keys are the codes); a new domain adds its class and
 * catalogue below, and test/error-catalogues.test.ts fails while a catalogue or a class is missing here.
 */
import { builder } from './builder';
import { caseMutationNames } from './cases/action-names';
import { AppError, commonErrorCodes, entityCodes, ForbiddenError, IdempotencyConflictError, InputError, NotFoundError, type Entity, type InputIssue } from '../db/errors';
import { authCodes } from '../db/accounts/errors';
import { caseRuleCodes, CaseRuleError } from '../db/cases/errors';
import { integrationErrorCodes, IntegrationError, type IntegrationErrorCode } from '../db/integrations/errors';
import { BookingConflictError, mediationConflictCodes, mediationRuleCodes, MediationRuleError, RecusalError } from '../db/mediation/errors';
import { receptionRuleCodes, ReceptionRuleError } from '../db/reception/errors';
import { InvalidTransitionError, VersionConflictError } from '../db/streams/errors';
import { suggestionRuleCodes, SuggestionRuleError } from '../db/suggestions/errors';
import { webhookRuleCodes, WebhookRuleError } from '../db/webhooks/errors';
import type { CaseAction } from '../db/cases/lifecycle';

export const ErrorInterface = builder.interfaceRef<AppError>('Error').implement({
  description: '所有业务错误的公共接口：稳定的机器码与中文说明。Every refusal: a stable machine code and a Chinese message.',
  fields: (t) => ({
    code: t.exposeString('code', { description: '机器可读的错误码，例如 case/not-found。Stable machine code.' }),
    message: t.exposeString('message', { description: '中文说明。Human-readable message in Chinese.' }),
  }),
});

/** One registered error type: the class, its GraphQL name and every code an instance may carry. */
export interface RegisteredError {
  error: abstract new (...args: never[]) => AppError;
  name: string;
  codes: readonly string[];
}

/** What is registered below, in order; the catalogue test reads it. */
export const registeredErrors: RegisteredError[] = [];

const codesOf = <C extends Record<string, string>>(catalogue: C) => Object.keys(catalogue) as (keyof C & string)[];

/** The options every error type shares (name, description, the Error interface, isTypeOf), and its entry in the registry. */
function errorType<E extends AppError>(error: abstract new (...args: never[]) => E, name: string, codes: readonly string[], description: string) {
  registeredErrors.push({ error, name, codes });
  return { name, description, interfaces: [ErrorInterface], isTypeOf: (value: unknown) => value instanceof error };
}

/** "…，code 为下列之一。… Codes: a, b." — so a description lists exactly the catalogue and cannot drift from it. */
function listingCodes(chinese: string, english: string, codes: readonly string[]) {
  return `${chinese}，code 为下列之一。${english} Codes: ${codes.join(', ')}.`;
}

// ---------------------------------------------------------------------------------------------
// Shared by every domain (db/errors.ts, db/accounts/errors.ts, db/streams/errors.ts)

builder.objectType(AppError, errorType(AppError, 'BaseError', [], '未细分的业务错误。A refusal with no more specific type.'));

builder.objectType(ForbiddenError, errorType(ForbiddenError, 'ForbiddenError', codesOf(authCodes), '未登录（auth/unauthenticated）或无权（auth/forbidden）。Not signed in, or not allowed.'));

builder.objectType(NotFoundError, errorType(NotFoundError, 'NotFoundError', entityCodes('not-found'), '对象不存在或不可见（<实体>/not-found）。The object does not exist or is not visible to you.'));

const InputIssueRef = builder.objectRef<InputIssue>('InputIssue').implement({
  description: '一处输入问题。One problem with the input.',
  fields: (t) => ({
    path: t.exposeStringList('path', { description: '出错字段的路径。Path of the offending field.' }),
    message: t.exposeString('message', { description: '中文说明。What is wrong, in Chinese.' }),
  }),
});

builder.objectType(InputError, {
  ...errorType(InputError, 'InputError', ['input/invalid'] satisfies (keyof typeof commonErrorCodes)[], '输入校验失败（input/invalid）。The input failed validation.'),
  fields: (t) => ({
    issues: t.field({ type: [InputIssueRef], description: '逐项问题。Each problem.', resolve: (error) => error.issues }),
  }),
});

builder.objectType(
  IdempotencyConflictError,
  errorType(IdempotencyConflictError, 'IdempotencyConflictError', ['idempotency/key-reused'] satisfies (keyof typeof commonErrorCodes)[], '同一幂等键被用于不同输入（idempotency/key-reused）。The idempotency key was reused with different input.'),
);

/** The transport name of a stream's action (a new stream adds its names here). */
function mutationNameOf(entity: Entity, action: string): string {
  if (entity === 'case') return caseMutationNames[action as CaseAction];
  return action;
}

builder.objectType(InvalidTransitionError, {
  ...errorType(InvalidTransitionError, 'InvalidTransitionError', entityCodes('invalid-transition'), '当前状态不允许该操作（<实体>/invalid-transition，如 case/invalid-transition）；allowedActions 列出此刻可做的操作。The action is not possible in the current status.'),
  fields: (t) => ({
    allowedActions: t.stringList({
      description: '当前状态下你可执行的操作（mutation 名称，同 Case.allowedActions）。Actions you may take now, named as their mutations.',
      resolve: (error) => error.allowedActions.map((action) => mutationNameOf(error.entity, action)),
    }),
  }),
});

builder.objectType(VersionConflictError, {
  ...errorType(VersionConflictError, 'VersionConflictError', entityCodes('version-conflict'), '已被他人更新（<实体>/version-conflict，如 case/version-conflict），请按 currentVersion 刷新后重试。Stale expectedVersion: reload and retry.'),
  fields: (t) => ({ currentVersion: t.exposeInt('currentVersion', { description: '当前版本。Current version.' }) }),
});

// ---------------------------------------------------------------------------------------------
// One per domain (db/<domain>/errors.ts)

builder.objectType(
  CaseRuleError,
  errorType(CaseRuleError, 'CaseRuleError', codesOf(caseRuleCodes), listingCodes('违反《信访工作条例》或本系统规则', 'A rule refused the action.', codesOf(caseRuleCodes))),
);

builder.objectType(
  MediationRuleError,
  errorType(MediationRuleError, 'MediationRuleError', codesOf(mediationRuleCodes), listingCodes('违反调解规则', 'A mediation rule refused the action.', codesOf(mediationRuleCodes))),
);

builder.objectType(BookingConflictError, {
  ...errorType(BookingConflictError, 'BookingConflictError', ['booking/conflict'] satisfies (keyof typeof mediationConflictCodes)[], '场所或调解员在该时段已有安排（booking/conflict），由数据库排他约束保证。The room or a mediator is already booked then.'),
  fields: (t) => ({
    resourceKind: t.exposeString('resourceKind', { description: '被占用的资源类别：ROOM / MEDIATOR / ACCOUNT。Which kind of resource.' }),
    resourceId: t.exposeString('resourceId', { description: '被占用资源的 ID（数据库 ID）。Its database id.' }),
  }),
});

const RecusalConflict = builder.objectRef<RecusalError['conflicts'][number]>('RecusalConflict').implement({
  description: '一项回避情形。One conflict forcing recusal.',
  fields: (t) => ({
    mediatorId: t.exposeString('mediatorId', { description: '调解员（数据库 ID）。Mediator id.' }),
    partyId: t.exposeString('partyId', { description: '相关当事人（数据库 ID）。Party id.' }),
    kind: t.exposeString('kind', { description: '关系类别，SELF 为调解员本人是当事人。Kind of tie.' }),
    message: t.exposeString('message', { description: '中文说明。Why.' }),
    waivable: t.exposeBoolean('waivable', { description: '全体当事人知情同意后可否继续。Whether all parties may waive it.' }),
  }),
});

builder.objectType(RecusalError, {
  ...errorType(RecusalError, 'RecusalError', ['mediation/recusal'] satisfies (keyof typeof mediationConflictCodes)[], '调解员应当回避（mediation/recusal）。A mediator must step aside.'),
  fields: (t) => ({ conflicts: t.field({ type: [RecusalConflict], description: '回避情形。The conflicts.', resolve: (e) => e.conflicts }) }),
});

builder.objectType(
  ReceptionRuleError,
  errorType(
    ReceptionRuleError,
    'ReceptionRuleError',
    codesOf(receptionRuleCodes),
    `违反接访规则。A reception rule refused the action. Codes: ${Object.entries(receptionRuleCodes)
      .map(([code, meaning]) => `${code} — ${meaning}`)
      .join('; ')}`,
  ),
);

builder.objectType(
  SuggestionRuleError,
  errorType(SuggestionRuleError, 'SuggestionRuleError', codesOf(suggestionRuleCodes), listingCodes('人民建议征集规则拒绝了该操作', 'A suggestion rule refused the action.', codesOf(suggestionRuleCodes))),
);

const integrationCodes: IntegrationErrorCode[] = [...codesOf(integrationErrorCodes), 'auth/account-inactive'];
builder.objectType(
  IntegrationError,
  errorType(IntegrationError, 'IntegrationError', integrationCodes, listingCodes('对接相关的拒绝（API 密钥、外部编号、限流）', 'A refusal about keys, external references or rate limits.', integrationCodes)),
);

builder.objectType(
  WebhookRuleError,
  errorType(WebhookRuleError, 'WebhookRuleError', codesOf(webhookRuleCodes), listingCodes('webhook 规则拒绝（如 webhook/address-refused：内网、回环或链路本地地址）', 'A webhook rule refused the request.', codesOf(webhookRuleCodes))),
);

/** Error classes every mutation may return as typed results. */
export const commonMutationErrors = [ForbiddenError, NotFoundError, InputError] as const;
