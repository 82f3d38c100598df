/** SQL twins of ./visibility.ts, for lists and counts: the rows a viewer may read, as one predicate. */
import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { mediationRooms, mediationSessions, mediators } from '../schema';
import { isMediationStaff, type MediationViewer } from './visibility';

export function likePrefix(path: string): string {
  return `${path.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** unitPath on the viewer's line: in their subtree, or one of their ancestors. */
function onLineSql(column: SQL | typeof mediators.unitPath, viewerPath: string): SQL {
  return sql`(${column} like ${likePrefix(viewerPath)} or ${viewerPath} like ${column} || '%')`;
}

/**
 * A viewer whose roster record is known (a request looked it up: an id) or still to be found (the event feed
 * has only the account: a scalar subquery on the mediators' unique account index, null when there is none).
 */
export type SqlViewer = Omit<MediationViewer, 'mediatorId'> & { mediatorId: string | SQL | null };

/** The feed's mediation viewer for an account: a MEDIATOR account reads as its roster record. */
export function accountViewerSql(viewer: { roles: MediationViewer['roles']; unitPath: string | null; accountId?: string | null }, t: typeof mediators): SqlViewer {
  const mediatorId = viewer.accountId && viewer.roles.includes('MEDIATOR') ? sql`(select ${t.id} from ${t} where ${t.accountId} = ${viewer.accountId})` : null;
  return { accountId: viewer.accountId ?? null, roles: viewer.roles, unitPath: viewer.unitPath, mediatorId };
}

export function visibleMediatorsSql(t: typeof mediators, viewer: SqlViewer): SQL {
  const grants: SQL[] = [];
  if (isMediationStaff(viewer)) grants.push(onLineSql(t.unitPath, viewer.unitPath!));
  if (viewer.mediatorId) grants.push(eq(t.id, viewer.mediatorId));
  return grants.length ? or(...grants)! : sql`false`;
}

export function visibleRoomsSql(t: typeof mediationRooms, viewer: SqlViewer): SQL {
  if (isMediationStaff(viewer)) return onLineSql(t.unitPath as never, viewer.unitPath!);
  if (viewer.mediatorId === null) return sql`false`;
  return typeof viewer.mediatorId === 'string' ? sql`true` : sql`${viewer.mediatorId} is not null`;
}

export function visibleSessionsSql(t: typeof mediationSessions, viewer: SqlViewer): SQL {
  const grants: SQL[] = [];
  if (isMediationStaff(viewer)) grants.push(sql`${t.unitPath} like ${likePrefix(viewer.unitPath!)}`);
  if (viewer.mediatorId) grants.push(sql`${t.panelMediatorIds} @> array[${viewer.mediatorId}]::uuid[]`);
  return grants.length ? or(...grants)! : sql`false`;
}

export interface ListFilter {
  unitPath?: string | null;
  statuses?: readonly string[] | null;
  kinds?: readonly string[] | null;
}

/** The common list filters: subtree of a unit, any of these statuses, any of these kinds. */
export function listFilterSql(t: { unitPath: unknown; status: unknown; kind?: unknown }, filter: ListFilter | null | undefined): SQL[] {
  const parts: SQL[] = [];
  if (filter?.unitPath) parts.push(sql`${t.unitPath} like ${likePrefix(filter.unitPath)}`);
  if (filter?.statuses?.length) parts.push(inArray(t.status as never, filter.statuses as never[]));
  if (filter?.kinds?.length && t.kind) parts.push(inArray(t.kind as never, filter.kinds as never[]));
  return parts;
}

export function allOf(parts: (SQL | undefined)[]): SQL {
  return and(...parts) ?? sql`true`;
}
