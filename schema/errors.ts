import { GraphQLError } from 'graphql';

/**
 * Every refusal the API makes is one of these classes: a stable machine `code` and a Chinese `message`.
 * Mutations return them as typed union members (errors plugin); queries raise them as GraphQL errors
 * whose `extensions.code` carries the same code (see schema/yoga.ts).
 */
export class AppError extends GraphQLError {
  constructor(
    readonly code: string,
    message: string,
  ) {
    // A GraphQLError, so yoga treats a refusal as expected (not logged as a crash) and keeps its code.
    super(message, { extensions: { code } });
    this.name = 'AppError';
  }
}

/** `auth/unauthenticated`: no or invalid token; `auth/forbidden`: the account may not do or see this. */
export class ForbiddenError extends AppError {
  constructor(message = '无权执行此操作或查看此内容', code: 'auth/forbidden' | 'auth/unauthenticated' = 'auth/forbidden') {
    super(code, message);
    this.name = 'ForbiddenError';
  }
}

/** `<entity>/not-found`, e.g. `case/not-found`, `unit/not-found`. */
export class NotFoundError extends AppError {
  constructor(entity: 'case' | 'unit' | 'account' | 'petitioner' | 'sla-policy', message: string) {
    super(`${entity}/not-found`, message);
    this.name = 'NotFoundError';
  }
}

export interface InputIssue {
  path: string[];
  message: string;
}

/** `input/invalid`: the input failed validation; `issues` name each field and what is wrong. */
export class InputError extends AppError {
  constructor(
    readonly issues: InputIssue[],
    message = issues.map((issue) => issue.message).join('；') || '输入不合法',
  ) {
    super('input/invalid', message);
    this.name = 'InputError';
  }

  static forField(field: string, message: string): InputError {
    return new InputError([{ path: [field], message }], message);
  }
}

/** `idempotency/key-reused`: the idempotency key was used before with different input. */
export class IdempotencyConflictError extends AppError {
  constructor() {
    super('idempotency/key-reused', '该幂等键已用于内容不同的请求，请使用新的幂等键');
    this.name = 'IdempotencyConflictError';
  }
}

/** `case/invalid-transition`: the action is not possible in the case's status; `allowedActions` lists what is. */
export class InvalidTransitionError extends AppError {
  constructor(
    message: string,
    readonly allowedActions: string[],
  ) {
    super('case/invalid-transition', message);
    this.name = 'InvalidTransitionError';
  }
}

/** `case/version-conflict`: someone changed the case since you read it; reload and retry. */
export class VersionConflictError extends AppError {
  constructor(readonly currentVersion: number) {
    super('case/version-conflict', `事项已被他人更新（当前版本 ${currentVersion}），请刷新后重试`);
    this.name = 'VersionConflictError';
  }
}

/**
 * A rule of the regulation refused the action, e.g. `case/review-window-closed`,
 * `case/extension-not-allowed`, `case/accused-unit`, `case/not-our-unit`.
 */
export class CaseRuleError extends AppError {
  constructor(code: `case/${string}`, message: string) {
    super(code, message);
    this.name = 'CaseRuleError';
  }
}
