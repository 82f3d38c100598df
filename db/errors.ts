import type { AuthCode } from './accounts/errors';

/**
 * Every refusal the domain makes is one of these classes: a stable machine `code` and a Chinese `message`.
 * Plain errors, so the domain knows nothing of GraphQL: the transport returns them as typed union members
 * (errors plugin) or turns them into GraphQL errors carrying the same code (schema/yoga.ts `maskError`).
 * Each domain keeps its own codes in its catalogue (db/<domain>/errors.ts); schema/errors.ts gives every class
 * its GraphQL type, and test/error-catalogues.test.ts fails when a catalogue or a class is not registered there.
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

/** One of the accounts domain's `authCodes` (db/accounts/errors.ts): not signed in, deactivated, or not allowed. */
export class ForbiddenError extends AppError {
  constructor(message = '无权执行此操作或查看此内容', code: AuthCode = 'auth/forbidden') {
    super(code, message);
    this.name = 'ForbiddenError';
  }
}

/** What a `<entity>/…` code may name: add a new domain's entity here. */
export const entities = [
  'case', 'unit', 'account', 'petitioner', 'sla-policy', 'mediator', 'mediation', 'room', 'webhook-endpoint', 'webhook-message',
  'reception-schedule', 'appointment', 'reception', 'visit',
  'suggestion', 'suggestion-campaign', 'suggestion-cluster', 'award-tier',
  'node',
] as const;
export type Entity = (typeof entities)[number];

/** The codes every domain shares, one catalogue (code → meaning); `<entity>/…` codes are built from `entities`. */
export const commonErrorCodes = {
  'input/invalid': 'The input failed validation; `issues` name each field and what is wrong.',
  'idempotency/key-reused': 'The idempotency key was used before with different input.',
} as const;
export type CommonErrorCode = keyof typeof commonErrorCodes;

/** The `<entity>/<suffix>` code of every entity, e.g. `entityCodes('not-found')` → case/not-found, unit/not-found, … */
export function entityCodes<S extends string>(suffix: S): `${Entity}/${S}`[] {
  return entities.map((entity) => `${entity}/${suffix}` as const);
}

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
