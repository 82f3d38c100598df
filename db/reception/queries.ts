/**
 * The reads behind the reception domain's GraphQL lists: who may ask (staff of a subtree), the subtree filters
 * the lists apply, and the reception a case was registered from. The transport passes these to its loaders.
 */
import { and, eq, gte, lte, sql, type Column, type SQL } from 'drizzle-orm';
import { receptions } from '../schema';
import type { Session } from '../session';
import { ForbiddenError } from '../errors';
import { likePrefix } from '../cases/service';
import { unitPathOf } from '../units/service';
import type { IsoDate } from '../calendar/work-calendar';
import { isReceptionStaff, receptionViewerOf, unitReads } from './visibility';
import { receptionFigures } from './stats';

/** The caller's unit path, for the staff-only lists; anyone else is refused. */
export function staffSubtreeOf(session: Session): string {
  const viewer = receptionViewerOf(session);
  if (!isReceptionStaff(viewer)) throw new ForbiddenError('仅限单位工作人员');
  return viewer.unitPath!;
}

/** Rows of the unit subtree at `path` (a RAW filter for the relational query builder). */
export const inSubtree = (path: string) => (row: { unitPath: Column }): SQL => sql`${row.unitPath} like ${likePrefix(path)}`;

/** Visits of the subtree, planned within the range (either end optional). */
export const visitsWithin = (path: string, from: IsoDate | null | undefined, to: IsoDate | null | undefined) => (visit: { unitPath: Column; plannedOn: Column }): SQL =>
  and(inSubtree(path)(visit), from ? gte(visit.plannedOn, from) : undefined, to ? lte(visit.plannedOn, to) : undefined)!;

/** The reception a case was registered from (走访渠道), if the caller may read it. */
export async function registeringReception(session: Session, caseId: string) {
  const [reception] = await session.db
    .select()
    .from(receptions)
    .where(and(eq(receptions.caseId, caseId), eq(receptions.outcome, 'CASE_REGISTERED')));
  return reception && unitReads(receptionViewerOf(session), reception) ? reception : null;
}

/** The reception figures of a unit subtree within the caller's own. */
export async function receptionFiguresFor(session: Session, unitId: string, from: IsoDate, to: IsoDate) {
  const path = staffSubtreeOf(session);
  const unitPath = await unitPathOf(session.db, unitId);
  if (!unitPath.startsWith(path)) throw new ForbiddenError('只能查看本单位及下级单位的数字');
  return receptionFigures(session.db, unitPath, from, to);
}
