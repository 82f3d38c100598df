import { AppError, type Entity } from '../errors';

/**
 * `<entity>/invalid-transition`: the action is not possible in the row's status;
 * `allowedActions` lists what the caller may do instead (as the transport names them).
 */
export class InvalidTransitionError extends AppError {
  constructor(
    readonly entity: Entity,
    message: string,
    readonly allowedActions: string[],
  ) {
    super(`${entity}/invalid-transition`, message);
    this.name = 'InvalidTransitionError';
  }
}

/** `<entity>/version-conflict`: someone changed the row since you read it; reload and retry. */
export class VersionConflictError extends AppError {
  constructor(
    entity: Entity,
    noun: string,
    readonly currentVersion: number,
  ) {
    super(`${entity}/version-conflict`, `${noun}已被他人更新（当前版本 ${currentVersion}），请刷新后重试`);
    this.name = 'VersionConflictError';
  }
}
