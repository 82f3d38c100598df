/**
 * The pure half of a stream: a state machine as data (which action may be taken in which status,
 * by which role, and where it leads) and the questions asked of it. No SQL, no tables: a domain's
 * lifecycle module declares one `Lifecycle` and unit-tests it directly.
 */
import type { Role } from '../accounts/actor';
import type { Entity } from '../errors';
import { roleLabels } from '../accounts/vocabulary';

export interface TransitionRule<S extends string> {
  /** Statuses in which the action may be taken. */
  from: readonly S[];
  /** Resulting status; null = status unchanged (the action records something). */
  to: S | null;
  /** Roles that may take it (any one suffices). */
  roles: readonly Role[];
}

export interface Lifecycle<S extends string, A extends string> {
  /** Prefix of the stream's error codes: `case` → `case/invalid-transition`, `case/version-conflict`, `case/not-found`. */
  entity: Entity;
  /** What a user calls one row, in Chinese, for messages (信访事项). */
  noun: string;
  statuses: readonly S[];
  statusLabels: Readonly<Record<S, string>>;
  /** In the order `allowedActions` lists them. */
  actions: readonly A[];
  actionLabels: Readonly<Record<A, string>>;
  transitions: Readonly<Record<A, TransitionRule<S>>>;
  /** The history's event type each action writes (`case.transferred`). */
  eventTypes: Readonly<Record<A, string>>;
}

/** Declares a lifecycle; the generic parameters are inferred from the lists, so every record must be exhaustive. */
export function defineLifecycle<const S extends string, const A extends string>(lifecycle: Lifecycle<S, A>): Lifecycle<S, A> {
  return lifecycle;
}

export type TransitionCheck<S extends string, A extends string> =
  | { ok: true; to: S }
  | {
      ok: false;
      code: `${Entity}/invalid-transition` | 'auth/forbidden';
      /** Chinese, shown to the user. */
      message: string;
      /** What these roles may do instead in this status. */
      allowed: A[];
    };

/** Every action possible in this status, whoever the actor is. */
export function actionsFromStatus<S extends string, A extends string>(lifecycle: Lifecycle<S, A>, status: S): A[] {
  return lifecycle.actions.filter((action) => lifecycle.transitions[action].from.includes(status));
}

function roleMay<S extends string, A extends string>(lifecycle: Lifecycle<S, A>, action: A, actorRoles: readonly Role[]): boolean {
  return lifecycle.transitions[action].roles.some((role) => actorRoles.includes(role));
}

/** Actions someone holding any of `actorRoles` may take now, in the lifecycle's order. */
export function allowedActions<S extends string, A extends string>(lifecycle: Lifecycle<S, A>, status: S, actorRoles: readonly Role[]): A[] {
  return actionsFromStatus(lifecycle, status).filter((action) => roleMay(lifecycle, action, actorRoles));
}

/**
 * Whether `action` may be taken now by someone with `actorRoles`. The status check comes first: an
 * action impossible in this status is an invalid transition for everyone, whatever their roles.
 * `to` is the status itself for actions that do not move the row.
 */
export function checkTransition<S extends string, A extends string>(
  lifecycle: Lifecycle<S, A>,
  status: S,
  action: A,
  actorRoles: readonly Role[],
): TransitionCheck<S, A> {
  const rule = lifecycle.transitions[action];
  const allowed = allowedActions(lifecycle, status, actorRoles);
  const actionLabel = lifecycle.actionLabels[action];
  if (!rule.from.includes(status)) {
    return {
      ok: false,
      code: `${lifecycle.entity}/invalid-transition`,
      message: `${lifecycle.noun}当前状态为“${lifecycle.statusLabels[status]}”，不能执行“${actionLabel}”`,
      allowed,
    };
  }
  if (!roleMay(lifecycle, action, actorRoles)) {
    const who = rule.roles.map((role) => roleLabels[role]).join('、');
    return { ok: false, code: 'auth/forbidden', message: `您无权执行“${actionLabel}”，仅限${who}`, allowed };
  }
  return { ok: true, to: rule.to ?? status };
}
