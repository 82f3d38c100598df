/**
 * The roster's pure rules: the mediator state machine (聘任、暂停、恢复、解聘), terms of appointment and
 * whether a mediator may be put on a session on a given day. No SQL here; the service passes the rows.
 */
import { addDays, type IsoDate } from '../calendar/work-calendar';
import type { Role } from '../accounts/actor';
import { mediatorStatusLabels, valuesOf, type MediatorStatus, type RemovalCause } from './vocabulary';
import { defineLifecycle, type TransitionRule } from '../streams/lifecycle';

/** 《人民调解法》: people's mediators serve terms of three years and may be re-appointed. */
export const DEFAULT_TERM_YEARS = 3;

/** The last day of a term of `years` starting on `startsOn` (2026-03-01 + 3 years → 2029-02-28). */
export function termEndsOn(startsOn: IsoDate, years = DEFAULT_TERM_YEARS): IsoDate {
  const [y, m, d] = startsOn.split('-').map(Number);
  const anniversary = new Date(Date.UTC(y + years, m - 1, d));
  // 02-29 + n years lands on 03-01 in a common year; the term then ends on 02-28.
  if (anniversary.getUTCMonth() !== m - 1) anniversary.setUTCDate(0);
  else anniversary.setUTCDate(anniversary.getUTCDate() - 1);
  return anniversary.toISOString().slice(0, 10);
}

export interface Term {
  startsOn: IsoDate;
  endsOn: IsoDate;
  endedOn: IsoDate | null;
}

/** The term covering `day`, if any (a term cut short ends the day before `endedOn`). */
export function termOn<T extends Term>(terms: readonly T[], day: IsoDate): T | null {
  return terms.find((t) => t.startsOn <= day && day <= t.endsOn && (t.endedOn === null || day < t.endedOn)) ?? null;
}

/** Every change of a roster record after its registration (the MEDIATOR stream's first event). */
export const mediatorActions = [
  'updateProfile',
  'appoint',
  'renewTerm',
  'suspend',
  'reinstate',
  'remove',
  'affiliate',
  'leaveRoom',
  'recordTraining',
  'setAvailability',
  'addUnavailability',
  'declareRelationship',
  'linkAccount',
] as const;
export type MediatorAction = (typeof mediatorActions)[number];

export const MEDIATOR_REGISTERED = 'mediator.registered';

export const mediatorActionLabels: Readonly<Record<MediatorAction, string>> = {
  updateProfile: '修改资料',
  appoint: '聘任',
  renewTerm: '续聘',
  suspend: '暂停调解',
  reinstate: '恢复调解',
  remove: '解聘',
  affiliate: '加入场所',
  leaveRoom: '退出场所',
  recordTraining: '记录培训',
  setAvailability: '设置每周可约时间',
  addUnavailability: '登记不可约时段',
  declareRelationship: '申报关系',
  linkAccount: '绑定调解员账号',
};

const eventNames: Record<MediatorAction, string> = {
  updateProfile: 'profile_updated',
  appoint: 'appointed',
  renewTerm: 'term_renewed',
  suspend: 'suspended',
  reinstate: 'reinstated',
  remove: 'removed',
  affiliate: 'affiliated',
  leaveRoom: 'left_room',
  recordTraining: 'training_recorded',
  setAvailability: 'availability_set',
  addUnavailability: 'unavailability_added',
  declareRelationship: 'relationship_declared',
  linkAccount: 'account_linked',
};

const living: readonly MediatorStatus[] = ['CANDIDATE', 'ACTIVE', 'SUSPENDED'];
const everyStatus: readonly MediatorStatus[] = [...living, 'REMOVED'];
// Administrators keep the roster (their subtree: checked by the service); a mediator keeps their own calendar.
const ADMIN: readonly Role[] = ['ADMIN'];
const ADMIN_OR_SELF: readonly Role[] = ['ADMIN', 'MEDIATOR'];

export const mediatorTransitions: Readonly<Record<MediatorAction, TransitionRule<MediatorStatus>>> = {
  updateProfile: { from: living, to: null, roles: ADMIN },
  appoint: { from: ['CANDIDATE'], to: 'ACTIVE', roles: ADMIN },
  renewTerm: { from: ['ACTIVE', 'SUSPENDED'], to: null, roles: ADMIN },
  suspend: { from: ['ACTIVE'], to: 'SUSPENDED', roles: ADMIN },
  reinstate: { from: ['SUSPENDED'], to: 'ACTIVE', roles: ADMIN },
  remove: { from: living, to: 'REMOVED', roles: ADMIN },
  affiliate: { from: living, to: null, roles: ADMIN },
  leaveRoom: { from: everyStatus, to: null, roles: ADMIN },
  recordTraining: { from: living, to: null, roles: ADMIN },
  setAvailability: { from: living, to: null, roles: ADMIN_OR_SELF },
  addUnavailability: { from: living, to: null, roles: ADMIN_OR_SELF },
  // A removed mediator's ties still matter for the history of the sessions they sat on.
  declareRelationship: { from: everyStatus, to: null, roles: ADMIN_OR_SELF },
  linkAccount: { from: living, to: null, roles: ADMIN },
};

export const mediatorLifecycle = defineLifecycle({
  entity: 'mediator',
  noun: '调解员',
  statuses: valuesOf(mediatorStatusLabels),
  statusLabels: mediatorStatusLabels,
  actions: mediatorActions,
  actionLabels: mediatorActionLabels,
  transitions: mediatorTransitions,
  eventTypes: Object.fromEntries(mediatorActions.map((a) => [a, `mediator.${eventNames[a]}`])) as Record<MediatorAction, string>,
});

/** Removal for cause ends the current term on the day of removal; TERM_ENDED needs the term to be over. */
export function removalProblem(cause: RemovalCause, terms: readonly Term[], on: IsoDate): string | null {
  if (cause === 'TERM_ENDED' && termOn(terms, on)) return '聘期尚未届满，不能以“任期届满”为由解聘';
  return null;
}

export type SchedulableProblem = { code: 'mediation/mediator-not-active' | 'mediation/mediator-out-of-term'; message: string };

/** Only an ACTIVE mediator within a term on the session's day may be scheduled. */
export function schedulableProblem(
  mediator: { name: string; status: MediatorStatus },
  terms: readonly Term[],
  day: IsoDate,
): SchedulableProblem | null {
  if (mediator.status !== 'ACTIVE') {
    return { code: 'mediation/mediator-not-active', message: `调解员${mediator.name}当前${mediatorStatusLabels[mediator.status]}，不能安排调解` };
  }
  if (!termOn(terms, day)) {
    return { code: 'mediation/mediator-out-of-term', message: `调解员${mediator.name}在 ${day} 不在聘期内，不能安排调解` };
  }
  return null;
}

/** A new term continues the latest one: it starts the day after the latest term ends (or on `on` if that has passed). */
export function renewalStart(terms: readonly Term[], on: IsoDate): IsoDate {
  const latest = [...terms].sort((a, b) => (a.endsOn < b.endsOn ? 1 : -1))[0];
  if (!latest) return on;
  const next = addDays(latest.endsOn, 1);
  return next > on ? next : on;
}
