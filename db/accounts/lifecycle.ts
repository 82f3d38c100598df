/** PURE: an account's lifecycle as data (db/streams/lifecycle.ts): administrators change, deactivate, reactivate. */
import { defineLifecycle } from '../streams/lifecycle';
import { accountStatusLabels, accountStatuses } from './vocabulary';

export const accountActions = ['changeAccount', 'deactivateAccount', 'reactivateAccount'] as const;
export type AccountAction = (typeof accountActions)[number];

export const accountLifecycle = defineLifecycle({
  entity: 'account',
  noun: '账号',
  statuses: accountStatuses,
  statusLabels: accountStatusLabels,
  actions: accountActions,
  actionLabels: { changeAccount: '修改账号', deactivateAccount: '停用账号', reactivateAccount: '重新启用账号' },
  transitions: {
    changeAccount: { from: ['ACTIVE', 'INACTIVE'], to: null, roles: ['ADMIN'] },
    deactivateAccount: { from: ['ACTIVE'], to: 'INACTIVE', roles: ['ADMIN'] },
    reactivateAccount: { from: ['INACTIVE'], to: 'ACTIVE', roles: ['ADMIN'] },
  },
  eventTypes: { changeAccount: 'account.changed', deactivateAccount: 'account.deactivated', reactivateAccount: 'account.reactivated' },
});

export const ACCOUNT_CREATED = 'account.created';

/**
 * Which action an administrator's changes are: switching `active` is the deactivation or reactivation (the other
 * changes of the same request ride along in its one event); anything else is a change.
 */
export function accountActionFor(status: (typeof accountStatuses)[number], active: boolean | undefined): AccountAction {
  if (active === false && status === 'ACTIVE') return 'deactivateAccount';
  if (active === true && status === 'INACTIVE') return 'reactivateAccount';
  return 'changeAccount';
}
