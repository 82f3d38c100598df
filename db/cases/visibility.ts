import type { Role } from '../accounts/actor';

/** What the visibility rule needs to know about a case (all columns of the cases row). */
export interface CaseVisibilityFacts {
  kind: string;
  unitPath: string;
  receivingUnitPath: string;
  accusedUnitPath: string | null;
  petitionerIds: string[];
}

export interface Viewer {
  roles: readonly Role[];
  /** Path of the viewer's unit, or null for accounts without one (petitioners). */
  unitPath: string | null;
  petitionerId: string | null;
  /** The account (other domains' read rules need it, e.g. a MEDIATOR account's own sessions in the event feed). */
  accountId?: string | null;
}

const unitRoles: readonly Role[] = ['STAFF', 'LEADER', 'SUPERVISOR', 'ADMIN', 'INTEGRATOR'];

export function isUnitMember(viewer: Viewer): boolean {
  return viewer.unitPath !== null && viewer.roles.some((role) => unitRoles.includes(role));
}

/**
 * Who may read a case:
 * - staff of the handling unit's subtree or of the receiving unit's subtree (the office that registered it);
 * - the petitioners on the case;
 * - never anyone inside the accused unit's subtree (检举控告 confidentiality), whatever else holds.
 * The SQL twin of this rule is `visibleCasesSql` in ./service.ts; tests check both.
 */
export function canReadCase(viewer: Viewer, petitionCase: CaseVisibilityFacts): boolean {
  if (isUnitMember(viewer)) {
    const path = viewer.unitPath!;
    if (petitionCase.accusedUnitPath && path.startsWith(petitionCase.accusedUnitPath)) return false;
    if (petitionCase.unitPath.startsWith(path) || petitionCase.receivingUnitPath.startsWith(path)) return true;
  }
  if (viewer.roles.includes('PETITIONER') && viewer.petitionerId) {
    return petitionCase.petitionerIds.includes(viewer.petitionerId);
  }
  return false;
}

/** What the accuser rule needs to know about a case. */
export interface AccuserFacts {
  kind: string;
  unitPath: string;
  petitionerIds: string[];
}

/** The handling unit's own staff and leaders (not its parents, not the receiving office): they handle the person's data. */
export function isHandlingStaff(viewer: Viewer, petitionCase: { unitPath: string }): boolean {
  return viewer.unitPath === petitionCase.unitPath && viewer.roles.some((role) => role === 'STAFF' || role === 'LEADER');
}

/**
 * 检举控告: who filed an accusation is known only to the handling unit itself and to the accusers;
 * every other kind of case shows its petitioners to whoever may read it. SQL twin: `accuserKnownSql`.
 */
export function mayKnowAccuser(viewer: Viewer, petitionCase: AccuserFacts): boolean {
  if (petitionCase.kind !== 'ACCUSATION') return true;
  if (viewer.petitionerId && petitionCase.petitionerIds.includes(viewer.petitionerId)) return true;
  return isHandlingStaff(viewer, petitionCase);
}
