/**
 * Who sees what of the reception domain (pure). Members of a unit (STAFF, LEADER, SUPERVISOR, ADMIN, and
 * INTEGRATOR accounts such as an SMS gateway) read the schedules, appointments, receptions and visits of their
 * unit subtree; a petitioner reads only their own appointments; anonymous callers only the public schedule
 * (which carries no personal data). Acting on them (booking for someone, the desk, visits) is for staff only.
 * The SQL twin of the read rule is `receptionReadSql` (db/events/access.ts delivers the streams by it).
 */
import type { Role } from '../accounts/actor';
import type { Session } from '../session';
import { isUnitMember, type Viewer } from '../cases/visibility';
import { viewerOf } from '../cases/service';

export type ReceptionViewer = Viewer;

const staffRoles: readonly Role[] = ['STAFF', 'LEADER', 'SUPERVISOR', 'ADMIN'];

export const receptionViewerOf = (session: Session): ReceptionViewer => viewerOf(session);

/** May act at the desk or on schedules and visits (integrators read, never act). */
export function isReceptionStaff(viewer: ReceptionViewer): boolean {
  return viewer.unitPath !== null && viewer.roles.some((r) => staffRoles.includes(r));
}

/** Staff of the row's unit or above it: may act on it. */
export function staffSees(viewer: ReceptionViewer, row: { unitPath: string }): boolean {
  return isReceptionStaff(viewer) && row.unitPath.startsWith(viewer.unitPath!);
}

/** Members of the row's unit or above it (integrators included): may read it. */
export function unitReads(viewer: ReceptionViewer, row: { unitPath: string }): boolean {
  return isUnitMember(viewer) && row.unitPath.startsWith(viewer.unitPath!);
}

export function canSeeAppointment(viewer: ReceptionViewer, row: { unitPath: string; petitionerId: string }): boolean {
  return unitReads(viewer, row) || (viewer.petitionerId !== null && viewer.petitionerId === row.petitionerId);
}
