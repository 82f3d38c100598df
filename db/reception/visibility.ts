/**
 * Who sees what of the reception domain (pure). Staff-like accounts (STAFF, LEADER, SUPERVISOR, ADMIN)
 * see the schedules, appointments, receptions and visits of their unit subtree; a petitioner sees only
 * their own appointments; anonymous callers only the public schedule (which carries no personal data).
 */
import type { Role } from '../accounts/actor';
import type { Session } from '../session';

export interface ReceptionViewer {
  roles: readonly Role[];
  unitPath: string | null;
  petitionerId: string | null;
}

const staffRoles: readonly Role[] = ['STAFF', 'LEADER', 'SUPERVISOR', 'ADMIN'];

export function receptionViewerOf(session: Session): ReceptionViewer {
  return { roles: session.actor?.roles ?? [], unitPath: session.unitPath, petitionerId: session.actor?.petitionerId ?? null };
}

export function isReceptionStaff(viewer: ReceptionViewer): boolean {
  return viewer.unitPath !== null && viewer.roles.some((r) => staffRoles.includes(r));
}

/** Staff of the row's unit or above it. */
export function staffSees(viewer: ReceptionViewer, row: { unitPath: string }): boolean {
  return isReceptionStaff(viewer) && row.unitPath.startsWith(viewer.unitPath!);
}

export function canSeeAppointment(viewer: ReceptionViewer, row: { unitPath: string; petitionerId: string }): boolean {
  return staffSees(viewer, row) || (viewer.petitionerId !== null && viewer.petitionerId === row.petitionerId);
}
