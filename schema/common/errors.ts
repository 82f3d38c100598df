import { builder } from '../builder';
import { AppError, ForbiddenError, IdempotencyConflictError, InputError, NotFoundError, type InputIssue } from '../../db/errors';

export const ErrorInterface = builder.interfaceRef<AppError>('Error').implement({
  description: '所有业务错误的公共接口：稳定的机器码与中文说明。Every refusal: a stable machine code and a Chinese message.',
  fields: (t) => ({
    code: t.exposeString('code', { description: '机器可读的错误码，例如 case/not-found。Stable machine code.' }),
    message: t.exposeString('message', { description: '中文说明。Human-readable message in Chinese.' }),
  }),
});

builder.objectType(AppError, {
  name: 'BaseError',
  description: '未细分的业务错误。A refusal with no more specific type.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof AppError,
});

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description: '未登录（auth/unauthenticated）或无权（auth/forbidden）。Not signed in, or not allowed.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ForbiddenError,
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: '对象不存在或不可见（<实体>/not-found）。The object does not exist or is not visible to you.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotFoundError,
});

const InputIssueRef = builder.objectRef<InputIssue>('InputIssue').implement({
  description: '一处输入问题。One problem with the input.',
  fields: (t) => ({
    path: t.exposeStringList('path', { description: '出错字段的路径。Path of the offending field.' }),
    message: t.exposeString('message', { description: '中文说明。What is wrong, in Chinese.' }),
  }),
});

builder.objectType(InputError, {
  name: 'InputError',
  description: '输入校验失败（input/invalid）。The input failed validation.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InputError,
  fields: (t) => ({
    issues: t.field({ type: [InputIssueRef], description: '逐项问题。Each problem.', resolve: (error) => error.issues }),
  }),
});

builder.objectType(IdempotencyConflictError, {
  name: 'IdempotencyConflictError',
  description: '同一幂等键被用于不同输入（idempotency/key-reused）。The idempotency key was reused with different input.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof IdempotencyConflictError,
});

/** Error classes every mutation may return as typed results. */
export const commonMutationErrors = [ForbiddenError, NotFoundError, InputError] as const;
