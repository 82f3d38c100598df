/**
 * Every refusal the domain makes is one of these classes: a stable machine `code` and a Chinese `message`.
 * Plain errors, so the domain knows nothing of GraphQL: the transport returns them as typed union members
 * (errors plugin) or turns them into GraphQL errors carrying the same code (schema/yoga.ts `maskError`).
 * Each domain keeps its own codes in its catalogue (db/<domain>/errors.ts).
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * `auth/unauthenticated`: no or invalid token; `auth/account-inactive`: the account has been deactivated;
 * `auth/forbidden`: the account may not do or see this.
 */
export class ForbiddenError extends AppError {
  constructor(message = '无权执行此操作或查看此内容', code: 'auth/forbidden' | 'auth/unauthenticated' | 'auth/account-inactive' = 'auth/forbidden') {
    super(code, message);
    this.name = 'ForbiddenError';
  }
}

/** What a `<entity>/…` code may name: add a new domain's entity here. */
export type Entity =
  | 'case' | 'unit' | 'account' | 'petitioner' | 'sla-policy' | 'mediator' | 'mediation' | 'room' | 'webhook-endpoint' | 'webhook-message'
  | 'reception-schedule' | 'appointment' | 'reception' | 'visit'
  | 'suggestion' | 'suggestion-campaign' | 'suggestion-cluster' | 'award-tier'
  | 'node';

/** `<entity>/not-found`, e.g. `case/not-found`, `unit/not-found`. */
export class NotFoundError extends AppError {
  constructor(entity: Entity, message: string) {
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
