/**
 * Who may see and change what in mediation. Pure, like the case visibility rule; the SQL twins are in
 * ./queries.ts and tests check both.
 * - Staff-like accounts (STAFF, LEADER, SUPERVISOR, ADMIN) read the rooms and the public roster of their
 *   own line of the unit tree (their subtree and the units above them: a village picks from the county's
 *   roster); they read the sessions of their subtree only.
 * - Administrators change the roster and rooms of their subtree only.
 * - A MEDIATOR account sees its own record and the sessions it sits on, nothing else.
 * - Contact data is whole only for the managing administrators and the mediator themselves.
 */
import type { Role } from '../accounts/actor';

export interface MediationViewer {
  accountId: string | null;
  roles: readonly Role[];
  unitPath: string | null;
  /** The roster record of a MEDIATOR account, if it has one. */
  mediatorId: string | null;
}

const unitRoles: readonly Role[] = ['STAFF', 'LEADER', 'SUPERVISOR', 'ADMIN'];

export function isMediationStaff(viewer: Pick<MediationViewer, 'roles' | 'unitPath'>): boolean {
  return viewer.unitPath !== null && viewer.roles.some((r) => unitRoles.includes(r));
}

export function onLine(viewerPath: string, rowPath: string): boolean {
  return rowPath.startsWith(viewerPath) || viewerPath.startsWith(rowPath);
}

export function canSeeMediator(viewer: MediationViewer, row: { id: string; unitPath: string }): boolean {
  if (isMediationStaff(viewer) && onLine(viewer.unitPath!, row.unitPath)) return true;
  return viewer.mediatorId === row.id;
}

export function mayManageRoster(viewer: MediationViewer, unitPath: string): boolean {
  return viewer.roles.includes('ADMIN') && viewer.unitPath !== null && unitPath.startsWith(viewer.unitPath);
}

export function maySeeContact(viewer: MediationViewer, row: { id: string; unitPath: string }): boolean {
  return mayManageRoster(viewer, row.unitPath) || viewer.mediatorId === row.id;
}

export function canSeeRoom(viewer: MediationViewer, row: { unitPath: string }): boolean {
  return (isMediationStaff(viewer) && onLine(viewer.unitPath!, row.unitPath)) || viewer.mediatorId !== null;
}

export function canSeeSession(viewer: MediationViewer, row: { unitPath: string; panelMediatorIds: string[] }): boolean {
  if (isMediationStaff(viewer) && row.unitPath.startsWith(viewer.unitPath!)) return true;
  return viewer.mediatorId !== null && row.panelMediatorIds.includes(viewer.mediatorId);
}

/** Staff of the session's unit subtree act on it; a mediator only on a session they sit on. */
export function mayActOnSession(viewer: MediationViewer, row: { unitPath: string; panelMediatorIds: string[] }): boolean {
  return canSeeSession(viewer, row);
}
